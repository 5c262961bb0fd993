using Streaming.Archive.Retry;
using Streaming.Archive.Tests.Infrastructure;

namespace Streaming.Archive.Tests.Retry;

public class JobSupervisorTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_job_that_throws_is_reported_and_restarted_after_its_backoff_until_it_completes()
    {
        var time = new ManualTimeProvider();
        var backoff = new RetryBackoff(time, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), () => 1);
        var attempts = 0;
        var failures = new List<(Exception Error, TimeSpan Delay)>();
        var run = JobSupervisor.RunAsync(_ =>
        {
            if (Interlocked.Increment(ref attempts) < 3) throw new IOException("No space left on device", 28);
            return Task.CompletedTask;
        }, backoff, (e, delay) => { lock (failures) failures.Add((e, delay)); }, CancellationToken.None);

        Assert.Equal(1, Volatile.Read(ref attempts));
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, Volatile.Read(ref attempts));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref attempts) == 2 && time.PendingTimers == 1, Soon));
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(2, Volatile.Read(ref attempts));
        time.Advance(TimeSpan.FromMilliseconds(1));
        await run.WaitAsync(Soon);

        Assert.Equal(3, attempts);
        lock (failures)
        {
            Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], failures.Select(f => f.Delay));
            Assert.All(failures, f => Assert.IsType<IOException>(f.Error));
        }
    }

    [Fact]
    public async Task Cancellation_during_the_backoff_ends_the_job_without_another_attempt()
    {
        var time = new ManualTimeProvider();
        var backoff = new RetryBackoff(time, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), () => 1);
        using var stop = new CancellationTokenSource();
        var attempts = 0;
        var run = JobSupervisor.RunAsync(_ =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("a bug");
        }, backoff, (_, _) => { }, stop.Token);

        await stop.CancelAsync();
        await run.WaitAsync(Soon);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_job_cancelled_by_its_token_is_not_a_failure()
    {
        var time = new ManualTimeProvider();
        var backoff = new RetryBackoff(time, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), () => 1);
        using var stop = new CancellationTokenSource();
        var failed = 0;
        var run = JobSupervisor.RunAsync(ct => Task.Delay(Timeout.Infinite, ct), backoff, (_, _) => failed++, stop.Token);
        await stop.CancelAsync();
        await run.WaitAsync(Soon);
        Assert.Equal(0, failed);
    }
}
