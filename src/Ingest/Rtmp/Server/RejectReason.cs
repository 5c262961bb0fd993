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
}
