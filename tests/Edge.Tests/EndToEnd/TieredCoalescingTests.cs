using System.Diagnostics;
using System.Text.Json.Nodes;
using Streaming.Edge.Tests.Infrastructure;

namespace Streaming.Edge.Tests.EndToEnd;

/// <summary>One origin, a shield edge, two edges pulling from the shield, 200 simulated LL-HLS viewers.</summary>
public sealed class TieredCoalescingTests
{
    private const int Viewers = 200;
    private const int PartsPerViewer = 20;

    [Fact]
    public async Task Two_hundred_viewers_across_two_edges_cause_one_upstream_fetch_per_part_per_tier()
    {
        await using var system = new LiveSystem();
        var origin = await system.StartOriginAsync("o0");
        await system.StartIngestAsync();
        var shield = await system.StartEdgeAsync("shield");
        var edges = new[] { await system.StartEdgeAsync("edge-a", shield), await system.StartEdgeAsync("edge-b", shield) };
        await using var publisher = system.Publish("tiers");
        var live = await system.WaitForPlaylistAsync(origin.Process.BaseUrl, "tiers", TimeSpan.FromSeconds(20));
        // Start every viewer at the part the origin will publish next, so all of them want the same parts.
        var hint = SimulatedViewer.PreloadHint().Match(live);
        var (msn, part) = (long.Parse(hint.Groups[1].Value), int.Parse(hint.Groups[2].Value));

        var clock = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var viewers = Enumerable.Range(0, Viewers)
            .Select(i => new SimulatedViewer(system.Http, edges[i % 2].BaseUrl, "tiers", "source", $"sim-viewer/{i}")).ToArray();
        var runs = viewers.Select(v => Task.Run(() => v.RunStrictAsync(msn, part, PartsPerViewer, clock, cts.Token))).ToArray();
        // Viewers per edge as the streams API reports them, while they watch.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var counted = new List<int>();
        foreach (var edge in edges)
        {
            var streams = JsonNode.Parse(await system.Http.GetStringAsync(edge.BaseUrl + "/api/streams"))!.AsArray();
            counted.Add((int?)streams.FirstOrDefault(s => (string?)s!["name"] == "tiers")?["viewers"] ?? -1);
        }
        await Task.WhenAll(runs);

        var context = system.Describe();
        var errors = viewers.SelectMany(v => v.Errors).ToList();
        Assert.True(errors.Count == 0, $"{errors.Count} viewer errors, first: {string.Join("; ", errors.Take(5))}\n{context}");
        var expected = viewers[0].Parts.Select(p => (p.Name, p.Length)).ToArray();
        Assert.Equal(PartsPerViewer, expected.Length);
        Assert.All(viewers, v => Assert.Equal(expected, v.Parts.Select(p => (p.Name, p.Length)).ToArray()));
        Assert.Equal([Viewers / 2, Viewers / 2], counted);

        foreach (var edge in edges)
        {
            var m = await MetricsText.ScrapeAsync(system.Http, edge.BaseUrl);
            Assert.Equal(PartsPerViewer, m.Sum("streaming_edge_upstream_fetches_total", ("kind", "part")));
            Assert.Equal(PartsPerViewer, m.Sum("streaming_edge_upstream_fetches_total", ("kind", "part"), ("result", "ok")));
            Assert.Equal(Viewers / 2 * PartsPerViewer, m.Sum("streaming_edge_requests_total", ("kind", "part"), ("status", "200")));
            Assert.Equal(0, m.Sum("streaming_edge_requests_total", ("status", "502")));
            // Blocking reloads: one upstream request per distinct (msn, part) asked, however many viewers asked it.
            var blockingAsked = m.Sum("streaming_edge_requests_total", ("kind", "blocking_playlist"));
            var blockingFetched = m.Sum("streaming_edge_upstream_fetches_total", ("kind", "blocking_playlist"));
            Assert.True(blockingFetched <= PartsPerViewer + 6, $"{edge.Name}: {blockingFetched} blocking fetches for {blockingAsked} requests");
        }
        var s = await MetricsText.ScrapeAsync(system.Http, shield.BaseUrl);
        Assert.Equal(PartsPerViewer, s.Sum("streaming_edge_upstream_fetches_total", ("kind", "part")));
        Assert.Equal(2 * PartsPerViewer, s.Sum("streaming_edge_requests_total", ("kind", "part"), ("status", "200")));
    }
}
