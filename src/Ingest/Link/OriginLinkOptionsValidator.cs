using Microsoft.Extensions.Options;

namespace Streaming.Ingest.Link;

public sealed class OriginLinkOptionsValidator : IValidateOptions<OriginLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, OriginLinkOptions options)
    {
        var errors = new List<string>();
        if (options.Origins.Count == 0) errors.Add("Streaming:Ingest:Origins must list at least one origin (host:port).");
        for (var i = 0; i < options.Origins.Count; i++)
        {
            if (!TryParseEndpoint(options.Origins[i], out _, out _))
                errors.Add($"Streaming:Ingest:Origins:{i} '{options.Origins[i]}' is not host:port.");
        }
        if (options.LinkQueueCapacity is < 16 or > 1_000_000)
            errors.Add("Streaming:Ingest:LinkQueueCapacity must be between 16 and 1000000.");
        if (options.LinkConnectTimeoutSeconds is <= 0 or > 60)
            errors.Add("Streaming:Ingest:LinkConnectTimeoutSeconds must be in (0, 60].");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static bool TryParseEndpoint(string value, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), out port) || port is < 1 or > 65535) return false;
        host = value[..colon].Trim('[', ']');
        return host.Length > 0;
    }
}
