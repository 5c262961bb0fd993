using System.Security.Cryptography;
using System.Text;

namespace Streaming.Shared.Security;

/// <summary>
/// <c>Streaming:Cluster:Secret</c>: shared by every service of a cluster. When set, edges and the archiver send it
/// as <see cref="HeaderName"/>, and the internal APIs (origin, archive, ingest beyond loopback) refuse requests
/// without it. Required whenever an internal listener is bound beyond loopback (<see cref="InternalListeners"/>).
/// </summary>
public sealed class ClusterSecretOptions
{
    public const string Section = "Streaming:Cluster";
    public const string HeaderName = "X-Streaming-Secret";

    public string Secret { get; set; } = "";

    public bool Enabled => Secret.Length > 0;

    /// <summary>True when a secret is set and <paramref name="header"/> equals it (constant-time over SHA-256 digests).</summary>
    public bool Accepts(string? header) =>
        Enabled && header is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header)), SHA256.HashData(Encoding.UTF8.GetBytes(Secret)));
}
