namespace Streaming.Transcode.Packaging;

/// <summary>
/// Counts long GOPs in a video track: each stretch of <c>maxGopTicks</c> of video after a keyframe without
/// the next keyframe counts once (a publisher that never sends another keyframe keeps counting, one per
/// stretch). Fed in decode order from the packager thread; <see cref="Count"/> is read from any thread.
/// Pure; 90 kHz ticks.
/// </summary>
internal sealed class LongGopDetector(long maxGopTicks)
{
    private long _nextLimit;
    private bool _started;
    private long _count;

    /// <summary>Long-GOP stretches seen so far (never decreases).</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Feeds one video frame; true when it completed one more long-GOP stretch.</summary>
    public bool Observe(long dts, bool keyframe)
    {
        if (keyframe || !_started)
        {
            _started = true;
            _nextLimit = dts + maxGopTicks;
            return false;
        }
        if (dts <= _nextLimit) return false;
        _nextLimit = Math.Max(_nextLimit + maxGopTicks, dts);
        Interlocked.Increment(ref _count);
        return true;
    }

    /// <summary>The track restarts (session end, discontinuity): the next frame begins a GOP.</summary>
    public void Reset() => _started = false;
}
