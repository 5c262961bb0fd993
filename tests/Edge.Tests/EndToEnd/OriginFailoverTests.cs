using System.Diagnostics;
using Streaming.Edge.Tests.Infrastructure;
using Streaming.Shared.Cluster;

namespace Streaming.Edge.Tests.EndToEnd;

/// <summary>Two origins; the stream's origin is killed and ingest moves the stream to the other one.</summary>
public sealed class OriginFailoverTests
{
    private static readonly TimeSpan SegmentDuration = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Viewers_through_the_edge_resume_within_one_segment_when_the_origin_serving_the_stream_dies_and_the_stream_moves()
    {
        await using var system = new LiveSystem();
        var a = await system.StartOriginAsync("origin-a");
        var b = await system.StartOriginAsync("origin-b");
        await system.StartIngestAsync();
        var edge = await system.StartEdgeAsync("edge");
        // A stream name whose rendezvous owner is origin A (ingest and edge rank the same way).
        var members = new[] { new OriginMember { Name = a.Name }, new OriginMember { Name = b.Name } };
        var stream = Enumerable.Range(0, 100).Select(i => $"failover{i}").First(n => RendezvousHash.Rank(n, members, m => m.Name)[0].Name == a.Name);
        var publisher = system.Publish(stream);
        await system.WaitForPlaylistAsync(a.Process.BaseUrl, stream, TimeSpan.FromSeconds(20));
        await system.WaitForPlaylistAsync(edge.BaseUrl, stream, TimeSpan.FromSeconds(10));

        var clock = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource();
        var viewers = Enumerable.Range(0, 20).Select(i => new SimulatedViewer(system.Http, edge.BaseUrl, stream, "source", $"failover/{i}")).ToArray();
        var runs = viewers.Select(v => Task.Run(() => v.RunResyncingAsync(clock, cts.Token))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var killedAt = clock.Elapsed;
        a.Process.Kill();
        // Ingest notices the dead link and moves the stream to the next-ranked origin, B, starting B from its cached
        // GOP; the publisher's own connection to ingest is untouched.
        await Task.Delay(TimeSpan.FromSeconds(8));
        await cts.CancelAsync();
        await Task.WhenAll(runs.Select(r => r.ContinueWith(_ => { })));

        var context = system.Describe();
        Assert.False(publisher.HasExited, "ffmpeg stopped publishing\n" + context);
        // Viewers stall for at most one segment duration.
        var limit = SegmentDuration;
        foreach (var viewer in viewers)
        {
            Assert.Contains(viewer.Parts, p => p.At < killedAt);
            var resumed = viewer.Parts.Where(p => p.At > killedAt + TimeSpan.FromMilliseconds(300)).Select(p => p.At).DefaultIfEmpty(TimeSpan.MaxValue).Min();
            Assert.True(resumed - killedAt <= limit,
                $"viewer resumed {(resumed - killedAt).TotalSeconds:F2} s after the kill (limit {limit.TotalSeconds} s); errors: " +
                $"{string.Join("; ", viewer.Errors.Take(8))}\n{context}");
            // And keeps receiving parts from origin B.
            Assert.True(viewer.Parts.Count(p => p.At > killedAt + limit) >= 4, $"too few parts after failover\n{context}");
        }
        var metrics = await MetricsText.ScrapeAsync(system.Http, edge.BaseUrl);
        Assert.True(metrics.Sum("streaming_edge_failovers_total", ("from", a.Name), ("to", b.Name)) >= 1, metrics.Raw);
    }
}
