namespace Streaming.Shared.Security;

/// <summary>
/// <c>Streaming:Cluster:Secret</c>: shared by origins and edges. When set, edges send it as
/// <see cref="HeaderName"/> and origins answer 403 to media requests without it.
/// </summary>
public sealed class ClusterSecretOptions
{
    public const string Section = "Streaming:Cluster";
    public const string HeaderName = "X-Streaming-Secret";

    public string Secret { get; set; } = "";

    public bool Enabled => Secret.Length > 0;
}
