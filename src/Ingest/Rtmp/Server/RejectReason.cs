namespace Streaming.Ingest.Rtmp.Server;

/// <summary>Values of the <c>reason</c> tag of <c>streaming_ingest_rejects</c>.</summary>
public static class RejectReason
{
    public const string MaxConnections = "max_connections";
    public const string HandshakeFailed = "handshake_failed";
    public const string HandshakeTimeout = "handshake_timeout";
    public const string CommandOrder = "command_order";
    public const string BadName = "bad_name";
    public const string PlayRefused = "play_refused";
    public const string UnsupportedCodec = "unsupported_codec";
    public const string ProtocolError = "protocol_error";
    public const string IdleTimeout = "idle_timeout";
    /// <summary>Connected but did not request publish within the handshake timeout.</summary>
    public const string PublishTimeout = "publish_timeout";
    /// <summary>Before publish: a message over 64 KiB or more than 8 chunk streams.</summary>
    public const string PrePublishLimit = "pre_publish_limit";
    /// <summary>Partially received messages of one connection over twice the message size limit.</summary>
    public const string BufferLimit = "buffer_limit";
    /// <summary>The process-wide budget for partially received messages is exhausted.</summary>
    public const string MemoryBudget = "memory_budget";
    /// <summary>The H.264 source is larger than its level allows or than the configured maximum size.</summary>
    public const string SourceTooLarge = "source_too_large";
}
