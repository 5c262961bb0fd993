using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Edge.Tests.Tokens;
using Streaming.Edge.Upstreams;

namespace Streaming.Edge.Tests.Api;

public class EdgeStreamsApiTests
{
    [Fact]
    public async Task The_public_stream_list_shows_no_publisher_address()
    {
        await using var host = await TokenTestHost.StartAsync("");
        // As the origin lists it (src/Transcode/Origin/StreamsApi.cs): the publisher's IP:port is internal.
        var origin = JsonNode.Parse("""
            [{"name":"cam","live":true,"sessionId":"8d1c","publisher":"203.0.113.7:51234","startedAt":null,"renditions":[]}]
            """)!.AsArray();
        host.Services.GetRequiredService<StreamDirectory>().Update("origin-0", origin);

        var text = await host.Http.GetStringAsync("/api/streams");
        var streams = JsonNode.Parse(text)!.AsArray();

        Assert.DoesNotContain("203.0.113.7", text);
        var stream = Assert.Single(streams)!.AsObject();
        Assert.Equal("cam", (string?)stream["name"]);
        Assert.True((bool?)stream["live"]);
        Assert.False(stream.ContainsKey("publisher"));
    }
}
