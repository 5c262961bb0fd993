using System.Net;
using Microsoft.Extensions.Options;
using Streaming.Archive.Hls;

namespace Streaming.Archive.Options;

public sealed class ArchiveOptionsValidator : IValidateOptions<ArchiveOptions>
{
    public ValidateOptionsResult Validate(string? name, ArchiveOptions o)
    {
        const string k = ArchiveOptions.Section + ":";
        var errors = new List<string>();
        if (!IPAddress.TryParse(o.ListenAddress, out _)) errors.Add($"{k}ListenAddress '{o.ListenAddress}' is not an IP address.");
        if (o.HttpPort is < 1 or > 65535) errors.Add($"{k}HttpPort {o.HttpPort} is not a port (1-65535).");
        if (!o.IsS3 && !string.Equals(o.Store, "file", StringComparison.OrdinalIgnoreCase))
            errors.Add($"{k}Store '{o.Store}' must be \"file\" or \"s3\".");
        if (!o.IsS3 && string.IsNullOrWhiteSpace(o.FileRoot)) errors.Add($"{k}FileRoot is required when Store is \"file\".");
        if (string.IsNullOrWhiteSpace(o.SpoolDirectory)) errors.Add($"{k}SpoolDirectory is required.");
        if (o.SpoolMaxBytes < 16 * 1024 * 1024) errors.Add($"{k}SpoolMaxBytes {o.SpoolMaxBytes} is below 16 MiB.");
        if (o.SpoolWarnFraction is <= 0 or >= 1) errors.Add($"{k}SpoolWarnFraction {o.SpoolWarnFraction} must be in (0, 1).");
        if (o.SpoolShedFraction <= o.SpoolWarnFraction || o.SpoolShedFraction > 1)
            errors.Add($"{k}SpoolShedFraction {o.SpoolShedFraction} must be above SpoolWarnFraction and at most 1.");
        for (var i = 0; i < o.Renditions.Count; i++)
        {
            if (!ObjectNames.IsSafeName(o.Renditions[i])) errors.Add($"{k}Renditions:{i} '{o.Renditions[i]}' is not a rendition name.");
        }
        if (o.UploadConcurrency is < 1 or > 64) errors.Add($"{k}UploadConcurrency {o.UploadConcurrency} must be 1-64.");
        if (o.RetryBaseSeconds <= 0 || o.RetryMaxSeconds < o.RetryBaseSeconds)
            errors.Add($"{k}RetryBaseSeconds/RetryMaxSeconds must be positive with RetryMaxSeconds >= RetryBaseSeconds.");
        if (o.DiscoveryIntervalSeconds is < 0.05 or > 60) errors.Add($"{k}DiscoveryIntervalSeconds {o.DiscoveryIntervalSeconds} must be 0.05-60.");
        if (o.OriginRequestTimeoutSeconds is < 1 or > 120) errors.Add($"{k}OriginRequestTimeoutSeconds {o.OriginRequestTimeoutSeconds} must be 1-120.");
        if (o.IsS3)
        {
            var s = o.S3;
            if (string.IsNullOrWhiteSpace(s.Bucket)) errors.Add($"{k}S3:Bucket is required when Store is \"s3\".");
            if (string.IsNullOrWhiteSpace(s.Region)) errors.Add($"{k}S3:Region is required.");
            if (s.ServiceUrl.Length > 0 && (!Uri.TryCreate(s.ServiceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
                errors.Add($"{k}S3:ServiceUrl '{s.ServiceUrl}' is not an http(s) URL.");
            if ((s.AccessKeyId.Length > 0) != (s.SecretAccessKey.Length > 0))
                errors.Add($"{k}S3:AccessKeyId and {k}S3:SecretAccessKey must be set together (or both empty for the AWS chain).");
            if (s.ServerSideEncryption is not ("" or "AES256" or "aws:kms" or "aws:kms:dsse"))
                errors.Add($"{k}S3:ServerSideEncryption '{s.ServerSideEncryption}' must be empty, AES256, aws:kms or aws:kms:dsse.");
            if (s.Prefix.StartsWith('/')) errors.Add($"{k}S3:Prefix must not start with '/'.");
            if (s.RequestTimeoutSeconds is < 1 or > 300) errors.Add($"{k}S3:RequestTimeoutSeconds must be 1-300.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
