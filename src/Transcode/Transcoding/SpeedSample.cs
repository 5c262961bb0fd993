namespace Streaming.Transcode.Transcoding;

/// <summary>One speed window: media seconds processed, wall seconds spent processing them, and the window's length.</summary>
internal readonly record struct SpeedSample(double MediaSeconds, double BusySeconds, double WallSeconds)
{
    /// <summary>Media seconds per second of work (1 = exactly real time), capped; null when nothing was measured.</summary>
    public double? Speed => MediaSeconds <= 0 || BusySeconds <= 0 ? null : Math.Min(1000, MediaSeconds / BusySeconds);
}
