using Streaming.Archive.Retry;

namespace Streaming.Archive.Tests.Retry;

public class BackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1, 250, 500)]
    [InlineData(2, 500, 1000)]
    [InlineData(3, 1000, 2000)]
    [InlineData(6, 5000, 10000)]
    [InlineData(60, 5000, 10000)]
    public void Doubles_per_attempt_up_to_the_cap_with_jitter_in_the_upper_half(int attempt, int minMs, int maxMs)
    {
        Assert.Equal(minMs, Backoff.Delay(attempt, Initial, Max, 0).TotalMilliseconds, 3);
        Assert.Equal(maxMs, Backoff.Delay(attempt, Initial, Max, 1).TotalMilliseconds, 3);
        var middle = Backoff.Delay(attempt, Initial, Max, 0.5).TotalMilliseconds;
        Assert.InRange(middle, minMs, maxMs);
    }

    [Fact]
    public void Jitter_spreads_retries()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 50).Select(_ => Backoff.Delay(4, Initial, Max, random.NextDouble())).Distinct().Count();
        Assert.True(delays > 40);
    }
}
