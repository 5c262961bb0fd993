namespace Streaming.Ingest.Limits;

/// <summary>
/// Decides whether a connection makes progress, so that a client trickling bytes cannot hold it. Two rules:
/// until <see cref="StartPublishing"/> the connection must reach publish within a deadline counted from its
/// creation (no number of bytes extends it); and every interval must bring at least a minimum number of bytes
/// (a byte every few seconds no longer re-arms a timer). <see cref="Pause"/> suspends both while the server
/// itself is waiting (publish authorization). Time comes from the injected <see cref="TimeProvider"/>; the
/// owner calls <see cref="Check"/> periodically. Thread-safe (bytes from the read loop, checks from a timer).
/// </summary>
public sealed class ProgressRule
{
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _deadline;
    private readonly TimeSpan _interval;
    private readonly long _minBytesPerInterval;
    private readonly long _created;
    private long _windowStart;
    private long _windowBytes;
    private bool _publishing;
    private bool _paused;

    /// <param name="deadline">From creation until publish is requested.</param>
    /// <param name="interval">Length of one progress interval (the idle timeout).</param>
    /// <param name="minBytesPerInterval">Bytes each interval must bring (at least 1).</param>
    public ProgressRule(TimeProvider time, TimeSpan deadline, TimeSpan interval, long minBytesPerInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(deadline, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(minBytesPerInterval, 1);
        _time = time;
        _deadline = deadline;
        _interval = interval;
        _minBytesPerInterval = minBytesPerInterval;
        _created = time.GetTimestamp();
        _windowStart = _created;
    }

    public void AddBytes(long bytes)
    {
        lock (_lock) _windowBytes += bytes;
    }

    /// <summary>The server waits on itself (authorization): nothing is checked until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        lock (_lock) _paused = true;
    }

    /// <summary>Ends a pause; a fresh interval starts.</summary>
    public void Resume()
    {
        lock (_lock)
        {
            _paused = false;
            RestartWindow(_time.GetTimestamp());
        }
    }

    /// <summary>Publish succeeded: the deadline no longer applies; a fresh interval starts.</summary>
    public void StartPublishing()
    {
        lock (_lock)
        {
            _publishing = true;
            _paused = false;
            RestartWindow(_time.GetTimestamp());
        }
    }

    public ProgressVerdict Check()
    {
        lock (_lock)
        {
            if (_paused) return ProgressVerdict.Ok;
            var now = _time.GetTimestamp();
            if (!_publishing && _time.GetElapsedTime(_created, now) >= _deadline) return ProgressVerdict.DeadlineMissed;
            if (_time.GetElapsedTime(_windowStart, now) < _interval) return ProgressVerdict.Ok;
            if (_windowBytes < _minBytesPerInterval) return ProgressVerdict.NoProgress;
            RestartWindow(now);
            return ProgressVerdict.Ok;
        }
    }

    private void RestartWindow(long now)
    {
        _windowStart = now;
        _windowBytes = 0;
    }
}
