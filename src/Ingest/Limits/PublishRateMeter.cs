namespace Streaming.Ingest.Limits;

/// <summary>
/// Average input bitrate of one publishing connection over consecutive wall-clock windows
/// (timestamps from <see cref="TimeProvider.GetTimestamp"/>). Bursts inside a window are allowed;
/// a whole window above the limit is a violation. Single writer.
/// </summary>
public sealed class PublishRateMeter
{
    private readonly TimeProvider _time;
    private readonly long _maxBitsPerSecond;
    private readonly TimeSpan _window;
    private long _windowStart = -1;
    private long _windowBytes;

    public PublishRateMeter(TimeProvider time, int maxKbps, int windowSeconds)
    {
        _time = time;
        _maxBitsPerSecond = maxKbps * 1000L;
        _window = TimeSpan.FromSeconds(windowSeconds);
    }

    /// <summary>Average of the last completed window, bits per second.</summary>
    public long LastBitsPerSecond { get; private set; }

    /// <summary>Adds received bytes; true when a completed window averaged above the limit.</summary>
    public bool AddAndCheck(long bytes, long timestamp)
    {
        if (_windowStart < 0) _windowStart = timestamp;
        _windowBytes += bytes;
        var elapsed = _time.GetElapsedTime(_windowStart, timestamp);
        if (elapsed < _window) return false;
        LastBitsPerSecond = (long)(_windowBytes * 8 / elapsed.TotalSeconds);
        _windowStart = timestamp;
        _windowBytes = 0;
        return LastBitsPerSecond > _maxBitsPerSecond;
    }
}
