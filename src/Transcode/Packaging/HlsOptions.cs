using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Packaging;

/// <summary>LL-HLS packaging (section <c>Streaming:Hls</c>).</summary>
public sealed class HlsOptions
{
    public const string Section = "Streaming:Hls";

    /// <summary>A segment never lasts longer than this many segment targets (the cut without a keyframe).</summary>
    public const int MaxSegmentTargets = 3;

    /// <summary>Segments are cut on the first video keyframe at or after this duration.</summary>
    public double SegmentSeconds { get; set; } = 2;
    /// <summary>Part target (EXT-X-PART-INF:PART-TARGET); no part is longer.</summary>
    public double PartSeconds { get; set; } = 0.5;
    /// <summary>Complete segments kept in the live window (plus the one in progress).</summary>
    public int WindowSegments { get; set; } = 6;
    /// <summary>A stream without a session is removed after this long.</summary>
    public double ReconnectWindowSeconds { get; set; } = 30;
    /// <summary>
    /// EXT-X-TARGETDURATION in whole seconds, fixed for a rendition's life (RFC 8216bis does not allow it to
    /// change). A segment that reaches the longest duration this still allows (<see cref="MaxSegmentTicks"/>)
    /// without a keyframe is cut at a frame boundary anyway. 0: twice <see cref="SegmentSeconds"/>, rounded.
    /// </summary>
    public int TargetDurationSeconds { get; set; }
    /// <summary>Source video without a keyframe for longer than this counts as a long GOP (metric and warning).</summary>
    public double MaxGopSeconds { get; set; } = 10;

    internal long SegmentTicks => PlaylistTime.FromSeconds(SegmentSeconds);
    internal long PartTicks => PlaylistTime.FromSeconds(PartSeconds);
    internal long MaxGopTicks => PlaylistTime.FromSeconds(MaxGopSeconds);

    /// <summary>The EXT-X-TARGETDURATION in effect: <see cref="TargetDurationSeconds"/>, or its default.</summary>
    internal int TargetDuration => TargetDurationSeconds > 0 ? TargetDurationSeconds : DefaultTargetDuration(SegmentSeconds);

    /// <summary>
    /// The longest segment (90 kHz): the longest duration that still prints (3 decimals) as one rounding to no
    /// more than <see cref="TargetDuration"/> (EXTINF rounded to the nearest second must not exceed it), and
    /// at most <see cref="MaxSegmentTargets"/> segment targets.
    /// </summary>
    internal long MaxSegmentTicks
    {
        get
        {
            // Printed ms = round(ticks / 90) must stay below TD.500: ticks * 1000 + 45000 < (TD * 1000 + 500) * 90000.
            var rounding = ((long)TargetDuration * 1000 + 500) * PlaylistTime.Timescale - PlaylistTime.Timescale / 2;
            return Math.Min(MaxSegmentTargets * SegmentTicks, (rounding - 1) / 1000);
        }
    }

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

    /// <summary>Twice the segment target, rounded, and at least the segment target rounded up.</summary>
    internal static int DefaultTargetDuration(double segmentSeconds) =>
        Math.Max((int)Math.Ceiling(segmentSeconds - 1e-9), (int)Math.Round(2 * segmentSeconds, MidpointRounding.ToEven));
}
