namespace Streaming.Transcode.Transcoding;

/// <summary>
/// Decides which pictures start a segment in the rungs, with the packager's rule: the first keyframe after a
/// (re)start, then the first keyframe at least one segment target after the previous cut. Without a keyframe
/// a segment is cut once the picture, given <see cref="MaxCutMarginFrames"/> more picture gaps, would pass the
/// maximum: a couple of frames before the rung packager's own maximum rule would cut without a keyframe
/// (it estimates frame durations from recent gaps, so the margin absorbs timestamp jitter). Every cut is
/// forced to be an IDR in every rung, so the rung packagers cut there too and rung segments always start
/// independent; they match the source rendition's segments except in that keyframe-less case (a couple of
/// frames apart). Ladder changes are applied only at cuts, so they never split a segment. Fed with pictures
/// in presentation order (the rungs' decode order). Pure; 90 kHz ticks.
/// </summary>
public sealed class SegmentCutClock(long segmentTicks, long maxSegmentTicks)
{
    /// <summary>Picture gaps added to a picture's time when checking it against the maximum.</summary>
    public const int MaxCutMarginFrames = 3;

    private bool _started;
    private long _start;
    private long _last;

    /// <summary>Called for every picture in order; true when it starts a segment.</summary>
    public bool IsCut(long time, bool keyframe)
    {
        var gap = _started && time > _last ? time - _last : 0;
        _last = time;
        if (_started)
        {
            var elapsed = time - _start;
            if (elapsed + MaxCutMarginFrames * gap <= maxSegmentTicks && !(keyframe && elapsed >= segmentTicks)) return false;
        }
        else if (!keyframe) return false;
        _started = true;
        _start = time;
        return true;
    }

    /// <summary>The packagers start over (session end, discontinuity).</summary>
    public void Reset() => _started = false;
}
