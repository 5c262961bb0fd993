namespace Streaming.Ingest.Publishing;

/// <summary>A point-in-time view of one live publish session, for the HTTP API.</summary>
public sealed record StreamSnapshot(
    string Name,
    string App,
    Guid Id,
    string Remote,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    long BytesIn,
    long FramesIn,
    double KeyframeIntervalSeconds,
    IReadOnlyList<TrackSnapshot> Tracks);
