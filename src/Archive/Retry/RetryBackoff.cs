namespace Streaming.Archive.Retry;

/// <summary>
/// The retry state of one job (the discovery poll, a recorder, a stream's session start, a rendition's
/// origin requests): after the n-th failure in a row the next attempt may start <see cref="Backoff"/>
/// (n) after the failed one started (exponential, equal jitter, capped at <see cref="Max"/>); a success
/// starts over, and so does a failed attempt that itself lasted <see cref="Max"/> or longer (a job that ran
/// for a while before failing, or an origin that held a blocking reload, is no storm). Every time comes from
/// the injected <see cref="TimeProvider"/>. One instance per job, used by one task at a time.
/// </summary>
public sealed class RetryBackoff
{
    private readonly TimeProvider _time;
    private readonly Func<double> _jitter;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    /// <param name="jitter">Uniform in [0, 1); <see cref="Random.Shared"/> when omitted.</param>
    public RetryBackoff(TimeProvider time, TimeSpan initial, TimeSpan max, Func<double>? jitter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _time = time;
        _jitter = jitter ?? Random.Shared.NextDouble;
        Initial = initial;
        Max = max;
    }

    public TimeSpan Initial { get; }
    public TimeSpan Max { get; }
    /// <summary>Failures since the last success (or the last long attempt).</summary>
    public int Failures { get; private set; }
    /// <summary>True while the next attempt has to wait.</summary>
    public bool IsWaiting => Remaining > TimeSpan.Zero;

    /// <summary>How long the next attempt still has to wait.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = _retryAt - _time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>The current time, to pass back to <see cref="Fail"/> as the attempt's start.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Records a failed attempt that started at <paramref name="attemptStarted"/>; returns how long the next one waits.</summary>
    public TimeSpan Fail(DateTimeOffset attemptStarted)
    {
        if (_time.GetUtcNow() - attemptStarted >= Max) Failures = 0;
        Failures++;
        _retryAt = attemptStarted + Backoff.Delay(Failures, Initial, Max, _jitter());
        return Remaining;
    }

    public void Succeed()
    {
        Failures = 0;
        _retryAt = DateTimeOffset.MinValue;
    }

    /// <summary>Waits out <see cref="Remaining"/> (returns at once when nothing is left).</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var remaining = Remaining;
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, _time, cancellationToken) : Task.CompletedTask;
    }
}
