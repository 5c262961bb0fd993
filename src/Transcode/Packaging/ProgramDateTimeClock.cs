namespace Streaming.Transcode.Packaging;

/// <summary>
/// Maps media time to wall-clock time for EXT-X-PROGRAM-DATE-TIME: PDT = media time + offset, where the
/// offset is the smallest (arrival - media time) seen over the recent buckets (the least-delayed frames
/// reveal the true relation; later ones only add network jitter). A frame arriving more than
/// <see cref="ReanchorMicros"/> later than predicted, or <see cref="Reset"/> at a discontinuity,
/// re-anchors the offset to that frame. Between re-anchors the offset used for PDT slews toward the
/// estimate by at most <see cref="MaxSlewMicros"/> per segment, so consecutive segments' dates stay
/// continuous (a player would otherwise see PDT jump without a discontinuity). All times are microseconds.
/// </summary>
internal sealed class ProgramDateTimeClock
{
    public const long ReanchorMicros = 5_000_000;
    public const long MaxSlewMicros = 20_000;
    private const long BucketMicros = 2_000_000;
    private const int Buckets = 8;

    private readonly long[] _bucketMin = new long[Buckets];
    private int _bucketCount;
    private long _bucketStart;
    private long _offset;
    private long _effective;
    private bool _effectiveSet;
    private bool _anchored;

    public bool IsAnchored => _anchored;
    public long Reanchors { get; private set; }

    public void Reset() => _anchored = false;

    /// <summary>Feeds one frame; returns true when the offset was re-anchored.</summary>
    public bool Observe(long mediaMicros, long arrivalUnixMicros)
    {
        var sample = arrivalUnixMicros - mediaMicros;
        if (!_anchored || sample - _offset > ReanchorMicros)
        {
            if (_anchored) Reanchors++;
            _anchored = true;
            _bucketCount = 1;
            _bucketMin[0] = sample;
            _bucketStart = mediaMicros;
            _offset = sample;
            _effectiveSet = false;
            return true;
        }
        if (mediaMicros - _bucketStart >= BucketMicros)
        {
            // Start a new bucket; the oldest one falls out so the offset can follow slow clock drift.
            Array.Copy(_bucketMin, 0, _bucketMin, 1, Buckets - 1);
            _bucketMin[0] = sample;
            _bucketCount = Math.Min(_bucketCount + 1, Buckets);
            _bucketStart = mediaMicros;
        }
        else if (sample < _bucketMin[0])
        {
            _bucketMin[0] = sample;
        }
        var min = _bucketMin[0];
        for (var i = 1; i < _bucketCount; i++) min = Math.Min(min, _bucketMin[i]);
        _offset = min;
        return false;
    }

    /// <summary>The date of a segment starting at <paramref name="mediaMicros"/>; call once per segment, in order.</summary>
    public long ToUnixMicros(long mediaMicros)
    {
        if (!_effectiveSet)
        {
            _effective = _offset;
            _effectiveSet = true;
        }
        else
        {
            _effective += Math.Clamp(_offset - _effective, -MaxSlewMicros, MaxSlewMicros);
        }
        return mediaMicros + _effective;
    }
}
