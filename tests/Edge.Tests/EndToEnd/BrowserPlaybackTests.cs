using System.Text.Json.Nodes;
using Streaming.Edge.Tests.Infrastructure;

namespace Streaming.Edge.Tests.EndToEnd;

/// <summary>Headless Debian chromium plays <c>/watch/{stream}</c> from an edge with hls.js in low-latency mode.</summary>
public sealed class BrowserPlaybackTests
{
    [Fact]
    public async Task Watch_page_plays_the_stream_for_ten_seconds_with_latency_under_three_seconds()
    {
        Tool.Require("/usr/bin/chromium");
        var node = Tool.Require("node");
        await NodeScript.EnsureInstalledAsync();
        await using var system = new LiveSystem();
        await system.StartOriginAsync("o0");
        await system.StartIngestAsync();
        var edge = await system.StartEdgeAsync("edge");
        await using var publisher = system.Publish("browser");
        await system.WaitForPlaylistAsync(edge.BaseUrl, "browser", TimeSpan.FromSeconds(20));
        // hls.js needs a couple of parts of history to start at PART-HOLD-BACK.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var screenshot = Path.Combine(RepoPaths.Artifacts, "watch-browser.png");
        File.Delete(screenshot);
        var (code, output) = await NodeScript.RunAsync(node, ["play.mjs", $"{edge.BaseUrl}/watch/browser", screenshot, "10"], TimeSpan.FromSeconds(60));
        var json = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        Assert.True(code == 0 && json is not null, $"node play.mjs exited {code}:\n{output}\n{system.Describe()}");
        var result = JsonNode.Parse(json!)!;
        Assert.True(result["failure"] is null, $"{result}\n{system.Describe()}");
        var samples = result["samples"]!.AsArray();
        var first = (double)samples[0]!["currentTime"]!;
        var last = (double)samples[^1]!["currentTime"]!;
        var wall = (double)samples[^1]!["t"]! - (double)samples[0]!["t"]!;
        Assert.True(wall >= 9.5 && last - first >= wall - 1.5, $"currentTime went {first:F2} -> {last:F2} in {wall:F1} s: {result}");
        // currentTime advanced at every sample (no stall longer than the sampling interval).
        for (var i = 1; i < samples.Count; i++)
            Assert.True((double)samples[i]!["currentTime"]! > (double)samples[i - 1]!["currentTime"]!, $"stalled at sample {i}: {result}");
        var latencies = samples.Skip(samples.Count / 2).Select(s => (double?)s!["latency"]).ToArray();
        Assert.All(latencies, l => Assert.True(l is > 0 and < 3, $"latency {l} s: {result}"));
        Assert.Contains("s", (string)samples[^1]!["shown"]!);
        Assert.True(File.Exists(screenshot), "no screenshot");
    }
}
