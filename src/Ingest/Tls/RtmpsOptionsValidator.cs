using Microsoft.Extensions.Options;

namespace Streaming.Ingest.Tls;

/// <summary>Validates <see cref="RtmpsOptions"/> at start: port range, both or neither PEM path, files loadable.</summary>
public sealed class RtmpsOptionsValidator : IValidateOptions<RtmpsOptions>
{
    public ValidateOptionsResult Validate(string? name, RtmpsOptions options)
    {
        var failures = new List<string>();
        var prefix = RtmpsOptions.SectionName + ":";
        if (options.RtmpsPort is < 0 or > 65535) failures.Add($"{prefix}RtmpsPort must be 0-65535 (got {options.RtmpsPort}).");
        if ((options.CertificatePath.Length > 0) != (options.KeyPath.Length > 0))
            failures.Add($"{prefix}CertificatePath and {prefix}KeyPath must be set together.");
        if (options.Enabled && !ServerCertificate.TryLoad(options, out _, out var error))
            failures.Add($"{prefix}CertificatePath/KeyPath: {error}");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
