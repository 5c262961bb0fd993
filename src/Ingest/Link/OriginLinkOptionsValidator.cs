using Microsoft.Extensions.Options;

namespace Streaming.Ingest.Link;

public sealed class OriginLinkOptionsValidator : IValidateOptions<OriginLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, OriginLinkOptions options)
    {
        var errors = new List<string>();
        if (options.LinkQueueCapacity is < 16 or > 1_000_000)
            errors.Add("Streaming:Ingest:LinkQueueCapacity must be between 16 and 1000000.");
        if (options.LinkConnectTimeoutSeconds is <= 0 or > 60)
            errors.Add("Streaming:Ingest:LinkConnectTimeoutSeconds must be in (0, 60].");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
