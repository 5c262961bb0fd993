using Microsoft.Extensions.Options;

namespace Streaming.Ingest.Limits;

/// <summary>Validates <see cref="IngestLimitsOptions"/> at start; every failure names its key.</summary>
public sealed class IngestLimitsOptionsValidator : IValidateOptions<IngestLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestLimitsOptions options)
    {
        var failures = new List<string>();
        var prefix = IngestLimitsOptions.SectionName + ":";
        if (options.MaxConnectionsPerIp is < 0 or > 100_000)
            failures.Add($"{prefix}MaxConnectionsPerIp must be 0-100000 (got {options.MaxConnectionsPerIp}).");
        if (options.MaxStreams is < 0 or > 100_000) failures.Add($"{prefix}MaxStreams must be 0-100000 (got {options.MaxStreams}).");
        if (options.MaxPublishBitrateKbps is < 0 or > 10_000_000)
            failures.Add($"{prefix}MaxPublishBitrateKbps must be 0-10000000 (got {options.MaxPublishBitrateKbps}).");
        if (options.BitrateWindowSeconds is < 1 or > 60)
            failures.Add($"{prefix}BitrateWindowSeconds must be 1-60 (got {options.BitrateWindowSeconds}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
