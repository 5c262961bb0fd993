using Microsoft.Extensions.Options;

namespace Streaming.Ingest.Auth;

/// <summary>Validates <see cref="PublishAuthOptions"/> at start; every failure names its key.</summary>
public sealed class PublishAuthOptionsValidator : IValidateOptions<PublishAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, PublishAuthOptions options)
    {
        var failures = new List<string>();
        var prefix = PublishAuthOptions.SectionName + ":";
        if (!Enum.IsDefined(options.Mode)) failures.Add($"{prefix}Mode must be open, keys, webhook or hmac.");
        if (options.Mode == PublishAuthMode.Keys && string.IsNullOrWhiteSpace(options.KeysFile))
            failures.Add($"{prefix}KeysFile must be set in keys mode.");
        if (options.Mode == PublishAuthMode.Webhook
            && !(Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            failures.Add($"{prefix}WebhookUrl must be an absolute http(s) URL in webhook mode (got '{options.WebhookUrl}').");
        if (options.WebhookTimeoutMilliseconds is < 50 or > 60_000)
            failures.Add($"{prefix}WebhookTimeoutMilliseconds must be 50-60000 (got {options.WebhookTimeoutMilliseconds}).");
        if (options.Mode == PublishAuthMode.Hmac && options.HmacSecret.Length < 16)
            failures.Add($"{prefix}HmacSecret must have at least 16 characters in hmac mode.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
