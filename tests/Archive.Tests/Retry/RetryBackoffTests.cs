using Streaming.Archive.Retry;
using Streaming.Archive.Tests.Infrastructure;

namespace Streaming.Archive.Tests.Retry;

public class RetryBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(8);

    [Fact]
    public void Failures_in_a_row_double_the_wait_up_to_the_cap_and_a_success_starts_over()
    {
        var time = new ManualTimeProvider();
        var backoff = new RetryBackoff(time, Initial, Max, () => 1);

        var waits = Enumerable.Range(0, 6).Select(_ => backoff.Fail(backoff.Now).TotalSeconds).ToArray();

        Assert.Equal([1.0, 2, 4, 8, 8, 8], waits);
        Assert.Equal(6, backoff.Failures);
        backoff.Succeed();
        Assert.False(backoff.IsWaiting);
        Assert.Equal(Initial, backoff.Fail(backoff.Now));
    }

    [Fact]
    public void Jitter_keeps_each_wait_between_half_and_all_of_its_step()
    {
        var time = new ManualTimeProvider();
        var low = new RetryBackoff(time, Initial, Max, () => 0);
        Assert.Equal([0.5, 1, 2, 4, 4], Enumerable.Range(0, 5).Select(_ => low.Fail(low.Now).TotalSeconds));

        var random = new Random(3);
        var jittered = new RetryBackoff(time, Initial, Max, random.NextDouble);
        for (var i = 0; i < 3; i++) jittered.Fail(jittered.Now);
        Assert.InRange(jittered.Fail(jittered.Now).TotalSeconds, 4, 8);
    }

    [Fact]
    public async Task The_next_attempt_waits_on_the_injected_clock()
    {
        var time = new ManualTimeProvider();
        var backoff = new RetryBackoff(time, Initial, Max, () => 1);
        backoff.Fail(backoff.Now);
        backoff.Fail(backoff.Now); // 2 s

        var wait = backoff.WaitAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(wait.IsCompleted);
        Assert.True(backoff.IsWaiting);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(backoff.IsWaiting);
        Assert.True(backoff.WaitAsync(CancellationToken.None).IsCompleted, "nothing left to wait");
    }

    [Fact]
    public void The_wait_counts_from_the_start_of_the_failed_attempt()
    {
        var time = new ManualTimeProvider();
        var backoff = new RetryBackoff(time, Initial, Max, () => 1);
        backoff.Fail(backoff.Now);
        backoff.Fail(backoff.Now);
        time.Advance(backoff.Remaining);

        var started = backoff.Now;
        time.Advance(TimeSpan.FromSeconds(3)); // the attempt itself took 3 s of a 4 s step
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Fail(started));
    }

    [Fact]
    public void An_attempt_that_lasted_the_cap_is_no_storm_and_starts_the_backoff_over()
    {
        var time = new ManualTimeProvider();
        var backoff = new RetryBackoff(time, Initial, Max, () => 1);
        for (var i = 0; i < 5; i++) backoff.Fail(backoff.Now);
        time.Advance(backoff.Remaining);

        var started = backoff.Now;
        time.Advance(Max); // e.g. a blocking playlist reload the origin held until its timeout
        Assert.Equal(TimeSpan.Zero, backoff.Fail(started));
        Assert.Equal(1, backoff.Failures);
    }

    [Fact]
    public void An_attempt_loop_against_an_instant_failure_is_bounded_by_the_backoff()
    {
        var time = new ManualTimeProvider();
        var backoff = new RetryBackoff(time, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), () => 0);
        var end = time.GetUtcNow() + TimeSpan.FromSeconds(10);
        var attempts = 0;
        while (time.GetUtcNow() < end)
        {
            attempts++;
            time.Advance(backoff.Fail(backoff.Now));
        }
        // Waits of 0.25, 0.5, then 1 s each (the cap's lower half): attempts at 0, 0.25, 0.75, 1.75 ... 9.75 s.
        Assert.Equal(12, attempts);
    }
}
