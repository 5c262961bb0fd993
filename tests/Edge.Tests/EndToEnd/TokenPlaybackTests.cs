using System.Net;
using System.Text.Json.Nodes;
using Streaming.Edge.Tests.Infrastructure;
using Streaming.Shared.Security;

namespace Streaming.Edge.Tests.EndToEnd;

/// <summary>
/// Playback tokens on real processes: an edge with a token secret refuses the stream without a token, and headless
/// chromium plays <c>/watch/{stream}?token=...</c> because the page passes its token on to the playlist (and the edge
/// on to every URI inside).
/// </summary>
public sealed class TokenPlaybackTests
{
    private const string Secret = "token-playback-test-secret";

    [Fact]
    public async Task The_watch_page_opened_with_a_token_plays_a_stream_the_edge_refuses_without_one()
    {
        Tool.Require("/usr/bin/chromium");
        var node = Tool.Require("node");
        await NodeScript.EnsureInstalledAsync();
        await using var system = new LiveSystem();
        var origin = await system.StartOriginAsync("o0", transcode: false);
        await system.StartIngestAsync();
        var edge = await system.StartEdgeAsync("edge", new Dictionary<string, string> { ["STREAMING__EDGE__TOKENS__SECRET"] = Secret });
        await using var publisher = system.Publish("secured");
        await system.WaitForPlaylistAsync(origin.Http, "secured", TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var token = PlaybackToken.Mint(Secret, "secured", DateTimeOffset.UtcNow.AddMinutes(10));

        using var refused = await system.Http.GetAsync($"{edge.BaseUrl}/live/secured/index.m3u8");
        using var allowed = await system.Http.GetAsync($"{edge.BaseUrl}/live/secured/index.m3u8?token={token}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        var screenshot = Path.Combine(RepoPaths.Artifacts, "watch-token-browser.png");
        var (code, output) = await NodeScript.RunAsync(node, ["play.mjs", $"{edge.BaseUrl}/watch/secured?token={token}", screenshot, "4"],
            TimeSpan.FromSeconds(60));
        var json = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        Assert.True(code == 0 && json is not null, $"node play.mjs exited {code}:\n{output}\n{system.Describe()}");
        var result = JsonNode.Parse(json!)!;
        Assert.True(result["failure"] is null, $"{result}\n{system.Describe()}");
        var samples = result["samples"]!.AsArray();
        var first = (double)samples[0]!["currentTime"]!;
        var last = (double)samples[^1]!["currentTime"]!;
        Assert.True(last - first >= 2, $"currentTime went {first:F2} -> {last:F2}: {result}");
    }
}
