namespace Streaming.Ingest.Tls;

/// <summary>
/// Configuration section <c>Streaming:Ingest:Tls</c>. RTMPS listens on <see cref="RtmpsPort"/> only when both
/// PEM paths are set; it serves the same RTMP connection handling inside TLS.
/// </summary>
public sealed class RtmpsOptions
{
    public const string SectionName = "Streaming:Ingest:Tls";

    /// <summary>RTMPS listen port; 0 picks a free port (tests).</summary>
    public int RtmpsPort { get; set; } = 1936;
    /// <summary>PEM certificate (chain) file.</summary>
    public string CertificatePath { get; set; } = "";
    /// <summary>PEM private key file (unencrypted PKCS#8, PKCS#1 or SEC1).</summary>
    public string KeyPath { get; set; } = "";

    public bool Enabled => CertificatePath.Length > 0 && KeyPath.Length > 0;
}
