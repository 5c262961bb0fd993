using Streaming.Edge.Caching;

namespace Streaming.Edge.Tests.Caching;

public sealed class RequestCoalescerTests
{
    [Fact]
    public async Task One_hundred_concurrent_requests_for_a_key_run_the_fetch_once_and_share_the_bytes()
    {
        var coalescer = new RequestCoalescer();
        var fetches = 0;
        var release = new TaskCompletionSource();
        async Task<CachedResponse> Fetch()
        {
            Interlocked.Increment(ref fetches);
            await release.Task;
            return CachedResponse.Copy(200, "video/mp4", "immutable", [1, 2, 3], 0);
        }
        var calls = Enumerable.Range(0, 100).Select(_ => Task.Run(() => coalescer.RunAsync("/live/s/r/part5.1.m4s", Fetch, CancellationToken.None))).ToArray();
        while (coalescer.InFlight == 0) await Task.Delay(1);
        await Task.Delay(50);
        release.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, fetches);
        Assert.Equal(99, results.Count(r => r.Coalesced));
        Assert.All(results, r => Assert.Same(results[0].Response, r.Response));
        Assert.Equal(100, results[0].Response.Body.RefCount);
        foreach (var r in results) r.Response.Release();
        Assert.Equal(0, coalescer.InFlight);
    }

    [Fact]
    public async Task A_waiter_that_gives_up_does_not_cancel_the_fetch_for_the_others()
    {
        var coalescer = new RequestCoalescer();
        var release = new TaskCompletionSource();
        async Task<CachedResponse> Fetch()
        {
            await release.Task;
            return CachedResponse.Copy(200, null, null, [9], 0);
        }
        using var leaving = new CancellationTokenSource();
        var leader = coalescer.RunAsync("k", Fetch, leaving.Token);
        var staying = coalescer.RunAsync("k", Fetch, CancellationToken.None);
        leaving.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);
        release.SetResult();
        var (response, coalesced) = await staying;
        Assert.True(coalesced);
        await Task.Delay(50); // the leaver's reference is given back when the flight ends
        Assert.Equal(1, response.Body.RefCount);
        response.Release();
    }

    [Fact]
    public async Task Requests_after_a_flight_ended_start_a_new_fetch()
    {
        var coalescer = new RequestCoalescer();
        var fetches = 0;
        Task<CachedResponse> Fetch()
        {
            Interlocked.Increment(ref fetches);
            return Task.FromResult(CachedResponse.Copy(200, null, null, [1], 0));
        }
        (await coalescer.RunAsync("k", Fetch, CancellationToken.None)).Response.Release();
        (await coalescer.RunAsync("k", Fetch, CancellationToken.None)).Response.Release();
        Assert.Equal(2, fetches);
    }
}
