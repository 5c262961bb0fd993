namespace Streaming.Ingest.Limits;

/// <summary>Values of the <c>reason</c> tag of <c>streaming_ingest_rejects</c> for limits (besides the existing ones).</summary>
public static class LimitRejectReason
{
    public const string MaxConnectionsPerIp = "max_connections_per_ip";
    public const string MaxStreams = "max_streams";
    public const string MaxBitrate = "max_bitrate";
    public const string TlsHandshake = "tls_handshake_failed";
    public const string AdminKick = "admin_kick";
}
