namespace Streaming.Archive.Retry;

/// <summary>
/// Exponential backoff with "equal jitter": attempt n waits between half and all of
/// min(max, base * 2^(n-1)), so retries of many entries spread out but never collapse to zero. Pure.
/// </summary>
public static class Backoff
{
    /// <param name="attempt">1 for the delay after the first failure.</param>
    /// <param name="jitter">Uniform in [0, 1), e.g. Random.Shared.NextDouble().</param>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, double jitter)
    {
        if (attempt < 1) attempt = 1;
        var exponent = Math.Min(attempt - 1, 30);
        var cap = Math.Min(max.Ticks, initial.Ticks * (double)(1L << exponent));
        var half = cap / 2;
        return TimeSpan.FromTicks((long)(half + half * Math.Clamp(jitter, 0, 1)));
    }
}
