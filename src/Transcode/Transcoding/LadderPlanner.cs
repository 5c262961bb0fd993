using System.Globalization;

namespace Streaming.Transcode.Transcoding;

/// <summary>
/// Derives a stream's ladder from its source size: the configured rungs (or the default ladder) whose
/// height is strictly below the source height, never upscaling. Width keeps the source aspect ratio and is
/// rounded to an even number. Pure.
/// </summary>
public static class LadderPlanner
{
    public const double MaxRateFactor = 1.07;
    public const double BufferFactor = 1.5;

    /// <summary>The default ladder (kbit/s): 1080p 5000, 720p 2800, 480p 1400, 360p 800 and, when enabled, 240p 400.</summary>
    public static IReadOnlyList<TranscodeRungOptions> DefaultLadder(bool include240p)
    {
        var rungs = new List<TranscodeRungOptions>
        {
            new() { Height = 1080, VideoBitrate = 5000 },
            new() { Height = 720, VideoBitrate = 2800 },
            new() { Height = 480, VideoBitrate = 1400 },
            new() { Height = 360, VideoBitrate = 800 },
        };
        if (include240p) rungs.Add(new() { Height = 240, VideoBitrate = 400, Profile = "main" });
        return rungs;
    }

    public static string NameOf(TranscodeRungOptions rung) =>
        string.IsNullOrEmpty(rung.Name) ? rung.Height.ToString(CultureInfo.InvariantCulture) + "p" : rung.Name;

    /// <summary>The rungs for a <paramref name="sourceWidth"/>x<paramref name="sourceHeight"/> source, highest first; empty when the size is unknown.</summary>
    public static IReadOnlyList<LadderRung> Plan(TranscodeOptions options, int sourceWidth, int sourceHeight)
    {
        if (sourceWidth <= 0 || sourceHeight <= 0) return [];
        var configured = options.Ladder.Count > 0 ? options.Ladder : DefaultLadder(options.Include240p);
        var rungs = new List<LadderRung>();
        foreach (var rung in configured.OrderByDescending(r => r.Height))
        {
            if (rung.Height >= sourceHeight) continue;
            var bitrate = rung.VideoBitrate * 1000L;
            var maxRate = rung.MaxBitrate > 0 ? rung.MaxBitrate * 1000L : (long)Math.Round(bitrate * MaxRateFactor);
            var buffer = rung.BufferSize > 0 ? rung.BufferSize * 1000L : (long)Math.Round(bitrate * BufferFactor);
            rungs.Add(new LadderRung(NameOf(rung), EvenWidth(sourceWidth, sourceHeight, rung.Height), rung.Height,
                bitrate, maxRate, (int)Math.Min(int.MaxValue, buffer), rung.Preset ?? options.Preset, rung.Profile));
        }
        return rungs;
    }

    /// <summary>Width for <paramref name="height"/> at the source aspect ratio, rounded to the nearest even number (at least 2).</summary>
    public static int EvenWidth(int sourceWidth, int sourceHeight, int height)
    {
        var exact = (double)sourceWidth * height / sourceHeight;
        return Math.Max(2, (int)Math.Round(exact / 2, MidpointRounding.AwayFromZero) * 2);
    }
}
