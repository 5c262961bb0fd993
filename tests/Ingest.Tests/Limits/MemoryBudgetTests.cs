using Streaming.Ingest.Limits;

namespace Streaming.Ingest.Tests.Limits;

public class MemoryBudgetTests
{
    [Fact]
    public void Acquire_up_to_the_capacity_then_refuse_and_count()
    {
        var budget = new MemoryBudget(100);

        Assert.True(budget.TryAcquire(60));
        Assert.True(budget.TryAcquire(40));
        Assert.False(budget.TryAcquire(1));

        Assert.Equal(100, budget.Used);
        Assert.Equal(1, budget.Refusals);
    }

    [Fact]
    public void Released_bytes_can_be_acquired_again()
    {
        var budget = new MemoryBudget(100);
        Assert.True(budget.TryAcquire(100));

        budget.Release(30);

        Assert.Equal(70, budget.Used);
        Assert.True(budget.TryAcquire(30));
        Assert.False(budget.TryAcquire(1));
    }

    [Fact]
    public void Releasing_more_than_was_acquired_is_a_bug()
    {
        var budget = new MemoryBudget(100);
        Assert.True(budget.TryAcquire(10));

        Assert.Throws<InvalidOperationException>(() => budget.Release(11));
    }

    [Fact]
    public void Concurrent_acquires_never_exceed_the_capacity()
    {
        var budget = new MemoryBudget(1000);
        var granted = 0;

        Parallel.For(0, 4000, _ =>
        {
            if (budget.TryAcquire(1)) Interlocked.Increment(ref granted);
        });

        Assert.Equal(1000, granted);
        Assert.Equal(1000, budget.Used);
        Assert.Equal(3000, budget.Refusals);
    }
}
