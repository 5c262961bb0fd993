using Streaming.Shared.Codecs;

namespace Streaming.Ingest.Rtmp.Flv;

/// <summary>
/// The largest H.264 source ingest accepts: the displayed size at most <see cref="MaxWidth"/> x <see cref="MaxHeight"/>,
/// and the coded frame within its declared level (Table A-1: MaxFS, sqrt(8 MaxFS) per side, and MaxMBPS at the
/// announced frame rate, with 10% slack for rounded rates). An undefined level_idc is held to the highest level.
/// Pure.
/// </summary>
public sealed record SourceSizeLimit
{
    /// <summary>Macroblock rates up to this factor over the level's MaxMBPS pass (rates announced as 30.0003 and the like).</summary>
    private const double RateSlack = 1.1;

    public SourceSizeLimit(int maxWidth, int maxHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeight, 1);
        MaxWidth = maxWidth;
        MaxHeight = maxHeight;
    }

    /// <summary>The defaults of <see cref="IngestOptions.MaxWidth"/> and <see cref="IngestOptions.MaxHeight"/>.</summary>
    public static SourceSizeLimit Default { get; } = new(new IngestOptions().MaxWidth, new IngestOptions().MaxHeight);

    public int MaxWidth { get; }
    public int MaxHeight { get; }

    /// <summary>True when the source fits; otherwise <paramref name="problem"/> says what is too large.</summary>
    /// <param name="frameRate">Frames per second (announced or from the VUI); 0 when unknown (the rate is then not checked).</param>
    public bool Allows(H264Sps sps, double frameRate, out string problem)
    {
        problem = "";
        if (sps.Width > MaxWidth || sps.Height > MaxHeight)
        {
            problem = $"source {sps.Width}x{sps.Height} exceeds the maximum {MaxWidth}x{MaxHeight}";
            return false;
        }
        if (!H264Level.TryGet(sps.ProfileIdc, sps.ConstraintFlags, sps.LevelIdc, out var level)) level = H264Level.Highest;
        var frameSize = (long)sps.WidthInMacroblocks * sps.HeightInMacroblocks;
        if (frameSize > level.MaxFrameSizeInMacroblocks || sps.WidthInMacroblocks > level.MaxMacroblocksPerSide
            || sps.HeightInMacroblocks > level.MaxMacroblocksPerSide)
        {
            problem = $"coded frame {sps.WidthInMacroblocks}x{sps.HeightInMacroblocks} macroblocks exceeds H.264 level {level.Name} " +
                $"(at most {level.MaxFrameSizeInMacroblocks} macroblocks)";
            return false;
        }
        if (frameRate > 0 && frameSize * frameRate > level.MaxMacroblocksPerSecond * RateSlack)
        {
            problem = $"{frameSize * frameRate:F0} macroblocks/s ({frameRate:0.##} fps) exceeds H.264 level {level.Name} " +
                $"(at most {level.MaxMacroblocksPerSecond})";
            return false;
        }
        return true;
    }
}
