namespace Streaming.Ingest.Limits;

/// <summary>
/// Configuration section <c>Streaming:Ingest:Limits</c> (the total connection cap, handshake/idle timeouts and
/// message size stay in <see cref="IngestOptions"/>). 0 disables a limit.
/// </summary>
public sealed class IngestLimitsOptions
{
    public const string SectionName = "Streaming:Ingest:Limits";

    /// <summary>Concurrent RTMP/RTMPS connections from one IP address.</summary>
    public int MaxConnectionsPerIp { get; set; } = 50;
    /// <summary>Concurrent publish sessions on this ingest.</summary>
    public int MaxStreams { get; set; } = 500;
    /// <summary>Highest average publish bitrate (whole RTMP input) per stream, in kbit/s.</summary>
    public int MaxPublishBitrateKbps { get; set; } = 50_000;
    /// <summary>Window over which the publish bitrate is averaged.</summary>
    public int BitrateWindowSeconds { get; set; } = 4;
}
