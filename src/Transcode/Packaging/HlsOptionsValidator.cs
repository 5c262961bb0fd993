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
        if (o.MaxGopSeconds is < 1 or > 3600 || double.IsNaN(o.MaxGopSeconds)) errors.Add("Streaming:Hls:MaxGopSeconds must be in [1, 3600].");
        if (errors.Count > 0) return ValidateOptionsResult.Fail(errors);

        var minTarget = (int)Math.Ceiling(o.SegmentSeconds - 1e-9);
        if (o.TargetDurationSeconds != 0 && (o.TargetDurationSeconds < minTarget || o.TargetDurationSeconds > HlsOptions.MaxSegmentTargets * o.SegmentSeconds))
            errors.Add($"Streaming:Hls:TargetDurationSeconds must be 0 (default) or a whole number of seconds in [{minTarget}, {HlsOptions.MaxSegmentTargets} x SegmentSeconds].");
        // RFC 8216bis 6.2.2: a live playlist never gets shorter than three target durations.
        else if (o.WindowSegments * o.SegmentSeconds < 3 * o.TargetDuration)
            errors.Add($"Streaming:Hls:WindowSegments x SegmentSeconds must be at least 3 x the target duration ({o.TargetDuration} s).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
