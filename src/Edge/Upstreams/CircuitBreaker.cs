namespace Streaming.Edge.Upstreams;

/// <summary>
/// Per-upstream circuit: closed until <c>threshold</c> consecutive failures, then open (requests skip the
/// upstream) for <c>openMs</c>, then half-open: one trial request (or health probe) decides between closed and
/// open again. Times are milliseconds from the caller's clock.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly int _threshold;
    private readonly long _openMs;
    private readonly object _lock = new();
    private int _failures;
    private long _openUntilMs;
    private bool _trialInFlight;

    public CircuitBreaker(int threshold, long openMs)
    {
        _threshold = threshold;
        _openMs = openMs;
    }

    public CircuitState State(long nowMs)
    {
        lock (_lock)
        {
            if (_failures < _threshold) return CircuitState.Closed;
            return nowMs >= _openUntilMs ? CircuitState.HalfOpen : CircuitState.Open;
        }
    }

    /// <summary>True when a request may go to the upstream now (closed, or the one half-open trial).</summary>
    public bool TryAcquire(long nowMs)
    {
        lock (_lock)
        {
            if (_failures < _threshold) return true;
            if (nowMs < _openUntilMs || _trialInFlight) return false;
            _trialInFlight = true;
            return true;
        }
    }

    public void RecordSuccess()
    {
        lock (_lock)
        {
            _failures = 0;
            _trialInFlight = false;
        }
    }

    public void RecordFailure(long nowMs)
    {
        lock (_lock)
        {
            _trialInFlight = false;
            _failures++;
            if (_failures >= _threshold) _openUntilMs = nowMs + _openMs;
        }
    }
}
