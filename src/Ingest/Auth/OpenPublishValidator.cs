using Microsoft.Extensions.Options;
using Streaming.Shared.Security;

namespace Streaming.Ingest.Auth;

/// <summary>
/// Fails start when publishing is open (<c>Streaming:Ingest:Auth:Mode</c> open) while RTMP listens beyond loopback,
/// unless <c>Streaming:Ingest:Auth:AllowOpenPublish</c> is true. Runs beside <see cref="PublishAuthOptionsValidator"/>.
/// </summary>
public sealed class OpenPublishValidator(IOptions<IngestOptions> ingest) : IValidateOptions<PublishAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, PublishAuthOptions options)
    {
        var address = ingest.Value.ListenAddress;
        if (options.Mode != PublishAuthMode.Open || options.AllowOpenPublish || InternalListeners.IsLoopback(address))
            return ValidateOptionsResult.Success;
        const string prefix = PublishAuthOptions.SectionName + ":";
        return ValidateOptionsResult.Fail(
            $"{prefix}Mode is open while {IngestOptions.SectionName}:ListenAddress '{address}' is not loopback: anyone could publish. " +
            $"Choose {prefix}Mode keys, webhook or hmac, bind {IngestOptions.SectionName}:ListenAddress to 127.0.0.1, " +
            $"or set {prefix}AllowOpenPublish=true explicitly.");
    }
}
