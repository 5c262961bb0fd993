using System.Net;
using Microsoft.Extensions.Options;

namespace Streaming.Transcode.Origin;

public sealed class OriginOptionsValidator : IValidateOptions<OriginOptions>
{
    public ValidateOptionsResult Validate(string? name, OriginOptions o)
    {
        var errors = new List<string>();
        if (!IPAddress.TryParse(o.ListenAddress, out _)) errors.Add($"Streaming:Origin:ListenAddress '{o.ListenAddress}' is not an IP address.");
        if (o.HttpPort is < 1 or > 65535) errors.Add("Streaming:Origin:HttpPort must be a TCP port (1-65535).");
        if (o.LinkPort is < 1 or > 65535) errors.Add("Streaming:Origin:LinkPort must be a TCP port (1-65535).");
        if (o.HttpPort == o.LinkPort) errors.Add("Streaming:Origin:LinkPort must differ from Streaming:Origin:HttpPort.");
        if (o.LinkHelloTimeoutSeconds is <= 0 or > 300) errors.Add("Streaming:Origin:LinkHelloTimeoutSeconds must be in (0, 300].");
        if (o.LinkIdleTimeoutSeconds is <= 0 or > 3600) errors.Add("Streaming:Origin:LinkIdleTimeoutSeconds must be in (0, 3600].");
        if (o.MaxLinkConnections is < 1 or > 100_000) errors.Add("Streaming:Origin:MaxLinkConnections must be between 1 and 100000.");
        if (o.MaxStreams is < 1 or > 100_000) errors.Add("Streaming:Origin:MaxStreams must be between 1 and 100000.");
        if (o.ReaderQueueCapacity is < 16 or > 1_000_000) errors.Add("Streaming:Origin:ReaderQueueCapacity must be between 16 and 1000000.");
        if (o.BlockingRequestTimeoutSeconds is <= 0 or > 120) errors.Add("Streaming:Origin:BlockingRequestTimeoutSeconds must be in (0, 120].");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
