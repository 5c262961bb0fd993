using Streaming.Edge.Upstreams;

namespace Streaming.Edge.Tests.Upstreams;

public sealed class CircuitBreakerTests
{
    [Fact]
    public void Opens_after_consecutive_failures_then_allows_one_trial_after_the_open_time()
    {
        var breaker = new CircuitBreaker(threshold: 3, openMs: 1000);
        breaker.RecordFailure(0);
        breaker.RecordFailure(0);
        Assert.True(breaker.TryAcquire(0));
        breaker.RecordFailure(0);
        Assert.Equal(CircuitState.Open, breaker.State(500));
        Assert.False(breaker.TryAcquire(500));
        Assert.True(breaker.TryAcquire(1000));
        Assert.False(breaker.TryAcquire(1000)); // one trial at a time
        breaker.RecordFailure(1000);
        Assert.False(breaker.TryAcquire(1500));
        Assert.True(breaker.TryAcquire(2000));
        breaker.RecordSuccess();
        Assert.Equal(CircuitState.Closed, breaker.State(2000));
    }

    [Fact]
    public void A_success_resets_the_failure_count()
    {
        var breaker = new CircuitBreaker(threshold: 2, openMs: 1000);
        breaker.RecordFailure(0);
        breaker.RecordSuccess();
        breaker.RecordFailure(0);
        Assert.Equal(CircuitState.Closed, breaker.State(0));
    }
}
