using Microsoft.Extensions.Options;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Transcoding;

public sealed class TranscodeOptionsValidator : IValidateOptions<TranscodeOptions>
{
    private const string S = TranscodeOptions.Section;

    public ValidateOptionsResult Validate(string? name, TranscodeOptions o)
    {
        var errors = new List<string>();
        if (!X264Presets.IsKnown(o.Preset)) errors.Add($"{S}:Preset '{o.Preset}' is not an x264 preset ({string.Join(", ", X264Presets.FastestFirst)}).");
        if (o.Tune is not ("zerolatency" or "film" or "animation" or "grain" or "stillimage" or "fastdecode" or "psnr" or "ssim" or ""))
            errors.Add($"{S}:Tune '{o.Tune}' is not an x264 tune (zerolatency, film, animation, grain, stillimage, fastdecode, psnr, ssim or empty).");
        if (o.EncoderThreads is < 0 or > 64) errors.Add($"{S}:EncoderThreads must be between 0 and 64.");
        if (o.DecoderThreads is < 0 or > 16) errors.Add($"{S}:DecoderThreads must be between 0 and 16.");
        if (o.QueueCapacity is < 16 or > 100_000) errors.Add($"{S}:QueueCapacity must be between 16 and 100000.");
        if (o.ShedBelowSpeed is <= 0 or > 1_000_000) errors.Add($"{S}:ShedBelowSpeed must be positive.");
        if (o.RestoreAboveSpeed <= o.ShedBelowSpeed) errors.Add($"{S}:RestoreAboveSpeed must be greater than {S}:ShedBelowSpeed.");
        if (o.ShedAfterSeconds is <= 0 or > 3600) errors.Add($"{S}:ShedAfterSeconds must be in (0, 3600].");
        if (o.RestoreAfterSeconds is <= 0 or > 86_400) errors.Add($"{S}:RestoreAfterSeconds must be in (0, 86400].");
        if (o.SpeedWindowSeconds is < 0.05 or > 60) errors.Add($"{S}:SpeedWindowSeconds must be in [0.05, 60].");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < o.Ladder.Count; i++)
        {
            var rung = o.Ladder[i];
            var key = $"{S}:Ladder:{i}";
            if (rung is null)
            {
                errors.Add($"{key} is empty.");
                continue;
            }
            if (rung.Height is < 64 or > 4320 || rung.Height % 2 != 0) errors.Add($"{key}:Height must be an even number between 64 and 4320.");
            var rungName = LadderPlanner.NameOf(rung);
            if (!OriginStream.IsValidRenditionName(rungName) || rungName == OriginStream.SourceRendition)
                errors.Add($"{key}:Name '{rungName}' must be 1-64 letters, digits, '-' or '_' and not '{OriginStream.SourceRendition}'.");
            else if (!names.Add(rungName)) errors.Add($"{key}:Name '{rungName}' is used twice.");
            if (rung.VideoBitrate is < 50 or > 200_000) errors.Add($"{key}:VideoBitrate must be between 50 and 200000 kbit/s.");
            if (rung.MaxBitrate != 0 && rung.MaxBitrate < rung.VideoBitrate) errors.Add($"{key}:MaxBitrate must be 0 or at least VideoBitrate.");
            if (rung.BufferSize is < 0 or > 1_000_000) errors.Add($"{key}:BufferSize must be between 0 and 1000000 kbit.");
            if (rung.Preset is not null && !X264Presets.IsKnown(rung.Preset)) errors.Add($"{key}:Preset '{rung.Preset}' is not an x264 preset.");
            if (rung.Profile is not ("baseline" or "main" or "high")) errors.Add($"{key}:Profile must be baseline, main or high.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
