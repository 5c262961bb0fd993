namespace Streaming.Transcode.Packaging;

/// <summary>
/// Predicts the next video frame's duration as the largest of the last three DTS gaps, so a part is
/// closed before a frame that would overflow it even with millisecond-rounded (33/34 ms) timestamps.
/// </summary>
internal sealed class FrameGapPredictor
{
    private readonly long[] _gaps = new long[3];
    private int _count;

    public void Reset() => _count = 0;

    public void Record(long gap)
    {
        _gaps[_count % _gaps.Length] = gap;
        _count++;
    }

    public long Predict(long fallback)
    {
        if (_count == 0) return fallback;
        long max = 0;
        for (var i = 0; i < Math.Min(_count, _gaps.Length); i++) max = Math.Max(max, _gaps[i]);
        return max;
    }
}
