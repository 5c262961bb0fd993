namespace Streaming.Transcode.Origin;

/// <summary>The origin process (section <c>Streaming:Origin</c>).</summary>
public sealed class OriginOptions
{
    public const string Section = "Streaming:Origin";

    /// <summary>
    /// Address of both internal listeners, HTTP (<see cref="HttpPort"/>) and frame link (<see cref="LinkPort"/>).
    /// Loopback by default; any other address requires <c>Streaming:Cluster:Secret</c>.
    /// </summary>
    public string ListenAddress { get; set; } = "127.0.0.1";
    /// <summary>HLS over HTTP for edges and players.</summary>
    public int HttpPort { get; set; } = 8081;
    /// <summary>Frame link from ingest servers.</summary>
    public int LinkPort { get; set; } = 8084;
    /// <summary>A link connection must send a proven Hello within this time.</summary>
    public double LinkHelloTimeoutSeconds { get; set; } = 10;
    /// <summary>A link connection that sends nothing for this long is closed (ingest sends media continuously).</summary>
    public double LinkIdleTimeoutSeconds { get; set; } = 15;
    /// <summary>Open frame-link connections (authenticated or not); more are closed at accept and counted.</summary>
    public int MaxLinkConnections { get; set; } = 256;
    /// <summary>Streams at this origin (live or within their reconnect window); a link session for a new name beyond it is refused.</summary>
    public int MaxStreams { get; set; } = 256;
    /// <summary>Events buffered for each packager before it skips to the next keyframe.</summary>
    public int ReaderQueueCapacity { get; set; } = 2048;
    /// <summary>Upper bound on a blocking playlist request; the spec asks for at least three target durations.</summary>
    public double BlockingRequestTimeoutSeconds { get; set; } = 6;
}
