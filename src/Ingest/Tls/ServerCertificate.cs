using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Streaming.Ingest.Tls;

/// <summary>Loads the RTMPS server certificate from PEM files (re-imported so the private key is usable by SslStream).</summary>
public static class ServerCertificate
{
    public static bool TryLoad(RtmpsOptions options, out X509Certificate2? certificate, out string error)
    {
        certificate = null;
        error = "";
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(options.CertificatePath, options.KeyPath);
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            return true;
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
        {
            error = ex.Message;
            return false;
        }
    }
}
