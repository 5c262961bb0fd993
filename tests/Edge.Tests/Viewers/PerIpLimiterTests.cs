using System.Net;
using Streaming.Edge.Viewers;

namespace Streaming.Edge.Tests.Viewers;

public sealed class PerIpLimiterTests
{
    [Fact]
    public void Refuses_requests_beyond_the_limit_per_address_until_one_ends()
    {
        var limiter = new PerIpLimiter(2);
        var a = IPAddress.Parse("10.0.0.1");
        Assert.True(limiter.TryEnter(a));
        Assert.True(limiter.TryEnter(a));
        Assert.False(limiter.TryEnter(a));
        Assert.True(limiter.TryEnter(IPAddress.Parse("10.0.0.2")));
        limiter.Exit(a);
        Assert.True(limiter.TryEnter(a));
        limiter.Exit(a);
        limiter.Exit(a);
        limiter.Exit(IPAddress.Parse("10.0.0.2"));
        Assert.Equal(0, limiter.Tracked);
    }
}
