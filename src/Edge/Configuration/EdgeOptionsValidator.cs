using Microsoft.Extensions.Options;

namespace Streaming.Edge.Configuration;

public sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    private const string S = EdgeOptions.Section;

    public ValidateOptionsResult Validate(string? name, EdgeOptions o)
    {
        var errors = new List<string>();
        if (!System.Net.IPAddress.TryParse(o.ListenAddress, out _)) errors.Add($"{S}:ListenAddress '{o.ListenAddress}' is not an IP address.");
        if (o.HttpPort is < 1 or > 65535) errors.Add($"{S}:HttpPort must be 1-65535 (was {o.HttpPort}).");
        for (var i = 0; i < o.Upstreams.Count; i++)
        {
            if (!Uri.TryCreate(o.Upstreams[i], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors.Add($"{S}:Upstreams:{i} '{o.Upstreams[i]}' is not an http(s) URL.");
        }
        if (o.Upstreams.Distinct(StringComparer.OrdinalIgnoreCase).Count() != o.Upstreams.Count) errors.Add($"{S}:Upstreams lists a URL twice.");
        if (o.CacheBytes < 1024 * 1024) errors.Add($"{S}:CacheBytes must be at least 1 MiB (was {o.CacheBytes}).");
        if (o.MaxObjectBytes < 1024 || o.MaxObjectBytes > o.CacheBytes) errors.Add($"{S}:MaxObjectBytes must be between 1 KiB and CacheBytes (was {o.MaxObjectBytes}).");
        if (o.MaxConnectionsPerIp < 0) errors.Add($"{S}:MaxConnectionsPerIp must be >= 0 (0 = unlimited).");
        if (o.UpstreamConnectTimeoutMilliseconds is < 10 or > 60_000) errors.Add($"{S}:UpstreamConnectTimeoutMilliseconds must be 10-60000.");
        if (o.UpstreamRequestTimeoutSeconds is <= 0 or > 300) errors.Add($"{S}:UpstreamRequestTimeoutSeconds must be in (0, 300].");
        if (o.UpstreamBlockingTimeoutSeconds is <= 0 or > 300) errors.Add($"{S}:UpstreamBlockingTimeoutSeconds must be in (0, 300].");
        if (o.MaxPlaylistTtlSeconds is < 0 or > 60) errors.Add($"{S}:MaxPlaylistTtlSeconds must be 0-60.");
        if (o.BlockingReuseMilliseconds is < 0 or > 10_000) errors.Add($"{S}:BlockingReuseMilliseconds must be 0-10000.");
        if (o.NegativeCacheMilliseconds is < 0 or > 60_000) errors.Add($"{S}:NegativeCacheMilliseconds must be 0-60000.");
        if (o.HealthProbeIntervalMilliseconds is < 50 or > 60_000) errors.Add($"{S}:HealthProbeIntervalMilliseconds must be 50-60000.");
        if (o.CircuitFailureThreshold is < 1 or > 1000) errors.Add($"{S}:CircuitFailureThreshold must be 1-1000.");
        if (o.CircuitOpenMilliseconds is < 10 or > 600_000) errors.Add($"{S}:CircuitOpenMilliseconds must be 10-600000.");
        if (o.ViewerWindowSeconds is < 1 or > 3600) errors.Add($"{S}:ViewerWindowSeconds must be 1-3600.");
        if (o.MaxViewersPerStream is < 1 or > 10_000_000) errors.Add($"{S}:MaxViewersPerStream must be 1-10000000.");
        if (o.MaxStreams is < 1 or > 1_000_000) errors.Add($"{S}:MaxStreams must be 1-1000000.");
        if (o.ArchiveUrl.Length > 0 && (!Uri.TryCreate(o.ArchiveUrl, UriKind.Absolute, out var archive) || archive.Scheme is not ("http" or "https")))
            errors.Add($"{S}:ArchiveUrl '{o.ArchiveUrl}' is not an http(s) URL.");
        if (o.RequestHeadersTimeoutSeconds is < 1 or > 300) errors.Add($"{S}:RequestHeadersTimeoutSeconds must be 1-300.");
        if (o.KeepAliveTimeoutSeconds is < 1 or > 3600) errors.Add($"{S}:KeepAliveTimeoutSeconds must be 1-3600.");
        if (o.WriteTimeoutMilliseconds is < 100 or > 600_000) errors.Add($"{S}:WriteTimeoutMilliseconds must be 100-600000.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
