namespace Streaming.Ingest;

/// <summary>Configuration section <c>Streaming:Ingest</c>.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Streaming:Ingest";

    /// <summary>RTMP listen port; 0 picks a free port (tests).</summary>
    public int RtmpPort { get; set; } = 1935;
    /// <summary>HTTP API port (/healthz, /api/streams).</summary>
    public int ApiPort { get; set; } = 8082;
    /// <summary>Address of the public RTMP (and RTMPS) listener. Before <see cref="ApiListenAddress"/> existed it bound the API too.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";
    /// <summary>Address of the internal HTTP API (<see cref="ApiPort"/>): loopback by default; any other address requires <c>Streaming:Cluster:Secret</c>.</summary>
    public string ApiListenAddress { get; set; } = "127.0.0.1";
    /// <summary>Largest RTMP message accepted once publishing (64 KiB before), checked before allocating.</summary>
    public int MaxMessageSize { get; set; } = 8 * 1024 * 1024;
    /// <summary>
    /// From accept until the client requests publish (handshake, connect, createStream, publish): a connection that
    /// has not got there by then is closed however many bytes it sends (<c>handshake_timeout</c> before connect,
    /// <c>publish_timeout</c> after).
    /// </summary>
    public int HandshakeTimeoutSeconds { get; set; } = 10;
    /// <summary>Length of one progress interval: an interval bringing fewer than <see cref="MinBytesPerIdleInterval"/> closes the connection.</summary>
    public int IdleTimeoutSeconds { get; set; } = 10;
    /// <summary>Bytes each <see cref="IdleTimeoutSeconds"/> interval must bring (a trickling client is cut, <c>idle_timeout</c>).</summary>
    public int MinBytesPerIdleInterval { get; set; } = 1024;
    /// <summary>Process-wide cap on buffer bytes held by partially received RTMP messages of all connections.</summary>
    public long PartialMessageBudgetBytes { get; set; } = 256L * 1024 * 1024;
    /// <summary>Largest accepted source picture width (H.264 SPS, after cropping); larger sources are refused (<c>source_too_large</c>).</summary>
    public int MaxWidth { get; set; } = 4096;
    /// <summary>Largest accepted source picture height.</summary>
    public int MaxHeight { get; set; } = 2304;
    /// <summary>A publisher silent for longer than this loses its name to a new publisher.</summary>
    public int TakeoverSilenceSeconds { get; set; } = 3;
    public int MaxConnections { get; set; } = 1000;
    /// <summary>Distinct chunk stream ids one publishing connection may use (8 before publish).</summary>
    public int MaxChunkStreams { get; set; } = 64;
}
