using Microsoft.Extensions.Options;

namespace Streaming.Shared.Cluster;

public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Origins.Count; i++)
        {
            var o = options.Origins[i];
            var key = $"Streaming:Cluster:Origins:{i}";
            if (string.IsNullOrWhiteSpace(o.Name)) errors.Add($"{key}:Name is required.");
            else if (!names.Add(o.Name)) errors.Add($"{key}:Name '{o.Name}' is listed twice.");
            if (!TryParseEndpoint(o.Link, out _, out _)) errors.Add($"{key}:Link '{o.Link}' is not host:port.");
            if (!Uri.TryCreate(o.Http, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors.Add($"{key}:Http '{o.Http}' is not an http(s) URL.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static bool TryParseEndpoint(string? value, out string host, out int port)
    {
        host = "";
        port = 0;
        if (string.IsNullOrEmpty(value)) return false;
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), out port) || port is < 1 or > 65535) return false;
        host = value[..colon].Trim('[', ']');
        return host.Length > 0;
    }
}
