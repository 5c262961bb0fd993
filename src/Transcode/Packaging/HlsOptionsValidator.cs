using Microsoft.Extensions.Options;

namespace Streaming.Transcode.Packaging;

public sealed class HlsOptionsValidator : IValidateOptions<HlsOptions>
{
    public ValidateOptionsResult Validate(string? name, HlsOptions o)
    {
        var errors = new List<string>();
        if (o.SegmentSeconds is < 0.5 or > 30) errors.Add("Streaming:Hls:SegmentSeconds must be in [0.5, 30].");
        if (o.PartSeconds is < 0.05 or > 5) errors.Add("Streaming:Hls:PartSeconds must be in [0.05, 5].");
        if (o.PartSeconds * 2 > o.SegmentSeconds) errors.Add("Streaming:Hls:PartSeconds must be at most half of SegmentSeconds.");
        if (o.WindowSegments is < 3 or > 1000) errors.Add("Streaming:Hls:WindowSegments must be between 3 and 1000.");
        if (o.ReconnectWindowSeconds is < 0 or > 86_400) errors.Add("Streaming:Hls:ReconnectWindowSeconds must be in [0, 86400].");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
