using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Packaging;

/// <summary>LL-HLS packaging (section <c>Streaming:Hls</c>).</summary>
public sealed class HlsOptions
{
    public const string Section = "Streaming:Hls";

    /// <summary>Segments are cut on the first video keyframe at or after this duration.</summary>
    public double SegmentSeconds { get; set; } = 2;
    /// <summary>Part target (EXT-X-PART-INF:PART-TARGET); no part is longer.</summary>
    public double PartSeconds { get; set; } = 0.5;
    /// <summary>Complete segments kept in the live window (plus the one in progress).</summary>
    public int WindowSegments { get; set; } = 6;
    /// <summary>A stream without a session is removed after this long.</summary>
    public double ReconnectWindowSeconds { get; set; } = 30;

    internal long SegmentTicks => PlaylistTime.FromSeconds(SegmentSeconds);
    internal long PartTicks => PlaylistTime.FromSeconds(PartSeconds);

    /// <summary>The longest part duration (90 kHz) that still prints (3 decimals) as no more than the part target does.</summary>
    internal long PartLimitTicks
    {
        get
        {
            const long half = PlaylistTime.Timescale / 2;
            var target = PartTicks;
            var targetMs = (target * 1000 + half) / PlaylistTime.Timescale;
            return Math.Max(target, ((targetMs + 1) * PlaylistTime.Timescale - half - 1) / 1000);
        }
    }
}
