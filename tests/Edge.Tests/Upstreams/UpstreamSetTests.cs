using Microsoft.Extensions.Options;
using Streaming.Edge.Configuration;
using Streaming.Edge.Upstreams;
using Streaming.Shared.Cluster;

namespace Streaming.Edge.Tests.Upstreams;

public sealed class UpstreamSetTests
{
    private static readonly ClusterOptions Cluster = new()
    {
        Origins =
        [
            new OriginMember { Name = "o0", Link = "127.0.0.1:1", Http = "http://127.0.0.1:10" },
            new OriginMember { Name = "o1", Link = "127.0.0.1:2", Http = "http://127.0.0.1:11" },
            new OriginMember { Name = "o2", Link = "127.0.0.1:3", Http = "http://127.0.0.1:12" },
        ],
    };

    [Fact]
    public void Ranks_origins_for_a_stream_in_the_same_order_as_ingest()
    {
        var set = new UpstreamSet(Options.Create(new EdgeOptions()), Options.Create(Cluster));
        Assert.False(set.IsShield);
        foreach (var stream in new[] { "a", "b", "news", "match-7" })
        {
            var ingestOrder = RendezvousHash.Rank(stream, Cluster.Origins, o => o.Name).Select(o => o.Name);
            Assert.Equal(ingestOrder, set.Rank(stream).Select(u => u.Name));
        }
    }

    [Fact]
    public void Configured_parents_replace_the_origins()
    {
        var set = new UpstreamSet(Options.Create(new EdgeOptions { Upstreams = ["http://127.0.0.1:9000/", "http://127.0.0.1:9001"] }), Options.Create(Cluster));
        Assert.True(set.IsShield);
        Assert.Equal(["http://127.0.0.1:9000", "http://127.0.0.1:9001"], set.Members.Select(m => m.Name).Order());
        Assert.Equal("http://127.0.0.1:9001/live/s/index.m3u8", set.Members.Single(m => m.Name.EndsWith("9001")).Resolve("live/s/index.m3u8").ToString());
    }
}
