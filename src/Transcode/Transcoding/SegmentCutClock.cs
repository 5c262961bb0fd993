namespace Streaming.Transcode.Transcoding;

/// <summary>
/// Predicts which source keyframes start a segment, with the packager's rule: the first keyframe after a
/// (re)start, then the first keyframe at least one segment target after the previous cut. Ladder changes
/// are applied only there, so they never split a segment. Pure; 90 kHz ticks.
/// </summary>
public sealed class SegmentCutClock(long segmentTicks)
{
    private bool _started;
    private long _start;

    /// <summary>Called for every keyframe in order; true when it starts a segment.</summary>
    public bool IsCut(long keyframeTime)
    {
        if (_started && keyframeTime - _start < segmentTicks) return false;
        _started = true;
        _start = keyframeTime;
        return true;
    }

    /// <summary>The packagers start over (session end, discontinuity).</summary>
    public void Reset() => _started = false;
}
