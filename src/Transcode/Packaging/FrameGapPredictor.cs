namespace Streaming.Transcode.Packaging;

/// <summary>
/// Predicts video frame spacing from the last <see cref="History"/> DTS gaps. RTMP rounds timestamps to
/// milliseconds (30 fps arrives as 33/34/33 ms), so the mean of several gaps says where the next frames
/// will most likely start, and the smallest gap is a duration the next frame practically never starts
/// before (the packager still guards against it).
/// </summary>
internal sealed class FrameGapPredictor
{
    public const int History = 8;
    private readonly long[] _gaps = new long[History];
    private int _count;

    public bool HasHistory => _count > 0;

    public void Reset() => _count = 0;

    public void Record(long gap)
    {
        if (gap <= 0) return;
        _gaps[_count % History] = gap;
        _count++;
    }

    /// <summary>The mean recent gap (where the next frames will start), or <paramref name="fallback"/> without history.</summary>
    public long Typical(long fallback)
    {
        var n = Math.Min(_count, History);
        if (n == 0) return fallback;
        long sum = 0;
        for (var i = 0; i < n; i++) sum += _gaps[i];
        return sum / n;
    }

    /// <summary>The smallest recent gap: a conservative duration for a frame whose successor has not arrived.</summary>
    public long Smallest(long fallback)
    {
        var n = Math.Min(_count, History);
        if (n == 0) return fallback;
        var min = long.MaxValue;
        for (var i = 0; i < n; i++) min = Math.Min(min, _gaps[i]);
        return min;
    }
}
