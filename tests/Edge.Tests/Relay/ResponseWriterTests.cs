using Microsoft.AspNetCore.Http;
using Streaming.Edge.Caching;
using Streaming.Edge.Relay;

namespace Streaming.Edge.Tests.Relay;

public sealed class ResponseWriterTests
{
    [Fact]
    public async Task Passes_through_type_and_cache_control_and_adds_cors_age_and_cache_result()
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        var cached = new CachedResponse(200, "video/mp4", "public, max-age=86400, immutable",
            Streaming.Shared.Media.SharedBuffer.CopyOf([1, 2, 3, 4]), fetchedAtMs: 10_000, upstreamAgeSeconds: 3, upstream: "o0");

        ResponseWriter.SetHeaders(context.Response, cached, CacheResult.Hit, nowMs: 15_500);
        var outcome = await ResponseWriter.WriteBodyAsync(context, cached, TimeSpan.FromSeconds(1));

        Assert.Equal(WriteOutcome.Sent, outcome);
        Assert.Equal("video/mp4", context.Response.ContentType);
        Assert.Equal("public, max-age=86400, immutable", context.Response.Headers.CacheControl.ToString());
        Assert.Equal("*", context.Response.Headers.AccessControlAllowOrigin.ToString());
        Assert.Equal("8", context.Response.Headers.Age.ToString());
        Assert.Equal("HIT", context.Response.Headers["X-Cache"].ToString());
        Assert.Equal(4, context.Response.ContentLength);
        Assert.Equal([1, 2, 3, 4], body.ToArray());
        cached.Release();
    }
}
