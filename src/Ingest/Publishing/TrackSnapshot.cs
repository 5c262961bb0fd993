namespace Streaming.Ingest.Publishing;

/// <summary>One track of a <see cref="StreamSnapshot"/>; bitrate is measured, or announced until measured.</summary>
public sealed record TrackSnapshot(
    string Kind,
    string Codec,
    int Width,
    int Height,
    double FrameRate,
    int SampleRate,
    int Channels,
    long Bitrate);
