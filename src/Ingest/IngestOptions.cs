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
    /// <summary>Largest RTMP message accepted, checked before allocating.</summary>
    public int MaxMessageSize { get; set; } = 8 * 1024 * 1024;
    public int HandshakeTimeoutSeconds { get; set; } = 10;
    /// <summary>A connection that sends no bytes for this long is closed.</summary>
    public int IdleTimeoutSeconds { get; set; } = 10;
    /// <summary>A publisher silent for longer than this loses its name to a new publisher.</summary>
    public int TakeoverSilenceSeconds { get; set; } = 3;
    public int MaxConnections { get; set; } = 1000;
    /// <summary>Distinct chunk stream ids one connection may use.</summary>
    public int MaxChunkStreams { get; set; } = 64;
}
