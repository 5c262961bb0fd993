namespace Streaming.Archive.Spool;

/// <summary>What a start-up scan found: entries resumed, superseded playlist versions and broken files removed.</summary>
public sealed record SpoolScanResult(int Resumed, long ResumedBytes, int Superseded, int Corrupt);
