namespace Streaming.Transcode.Packaging;

/// <summary>
/// Maps media time to wall-clock time for EXT-X-PROGRAM-DATE-TIME: PDT = media time + offset, where the
/// offset is the smallest (arrival - media time) seen over the recent buckets (the least-delayed frames
/// reveal the true relation; later ones only add network jitter). A frame arriving more than
/// <see cref="ReanchorMicros"/> later than predicted, or <see cref="Reset"/> at a discontinuity,
/// re-anchors the offset to that frame. All times are microseconds.
/// </summary>
internal sealed class ProgramDateTimeClock
{
    public const long ReanchorMicros = 500_000;
    private const long BucketMicros = 2_000_000;
    private const int Buckets = 8;

    private readonly long[] _bucketMin = new long[Buckets];
    private int _bucketCount;
    private long _bucketStart;
    private long _offset;
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

    public long ToUnixMicros(long mediaMicros) => mediaMicros + _offset;
}
