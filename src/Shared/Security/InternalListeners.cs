using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Streaming.Shared.Security;

/// <summary>
/// The rule for internal listeners (origin HTTP and frame link, ingest API, archive API): they default to
/// loopback, and one bound beyond loopback needs <c>Streaming:Cluster:Secret</c> (checked at start by
/// <see cref="InternalListenerValidator{TOptions}"/>).
/// </summary>
public static class InternalListeners
{
    public const string DefaultAddress = "127.0.0.1";

    /// <summary>True for an IP address in 127.0.0.0/8 or ::1; false for anything else (0.0.0.0, ::, a LAN address, not an IP).</summary>
    public static bool IsLoopback(string address) => IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip);

    /// <summary>
    /// Binds <see cref="ClusterSecretOptions"/> (if not yet) and validates at start that the listener address chosen by
    /// <paramref name="address"/> (configuration key <paramref name="key"/>) is loopback or the cluster secret is set.
    /// </summary>
    public static IServiceCollection AddInternalListener<TOptions>(this IServiceCollection services, string key, Func<TOptions, string> address)
        where TOptions : class
    {
        services.AddOptions<ClusterSecretOptions>().BindConfiguration(ClusterSecretOptions.Section);
        services.AddSingleton<IValidateOptions<TOptions>>(sp =>
            new InternalListenerValidator<TOptions>(sp.GetRequiredService<IOptions<ClusterSecretOptions>>(), key, address));
        return services;
    }
}
