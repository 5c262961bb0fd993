using System.Net;
using Microsoft.Extensions.Options;

namespace Streaming.Shared.Security;

/// <summary>
/// Fails start when an internal listener (origin HTTP and frame link, ingest API, archive API) is bound to a
/// non-loopback address while <c>Streaming:Cluster:Secret</c> is empty: beyond loopback those listeners
/// require the secret from their peers, so a deployment without one would be open. The message names the key.
/// Runs beside the options class's own validator (which reports an address that does not parse).
/// </summary>
public sealed class InternalListenerValidator<TOptions>(IOptions<ClusterSecretOptions> cluster, string key, Func<TOptions, string> address)
    : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var value = address(options);
        if (cluster.Value.Enabled || !IPAddress.TryParse(value, out _) || InternalListeners.IsLoopback(value))
            return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(
            $"{key} '{value}' is not a loopback address and {ClusterSecretOptions.Section}:Secret is empty: an internal listener " +
            $"beyond loopback requires the cluster secret (set {ClusterSecretOptions.Section}:Secret, or bind {key} to 127.0.0.1).");
    }
}
