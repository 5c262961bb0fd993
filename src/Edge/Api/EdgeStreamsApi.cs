using System.Text.Json.Nodes;
using Streaming.Edge.Upstreams;
using Streaming.Edge.Viewers;

namespace Streaming.Edge.Api;

/// <summary>
/// <c>GET /api/streams</c> on the edge: the upstreams' stream lists (polled, merged, see <see cref="StreamDirectory"/>)
/// with <c>viewers</c> = this edge's concurrent viewers of each stream and <c>upstream</c> = where it was found.
/// Public: the publisher's address the origin lists (<see cref="PrivateField"/>) is removed.
/// </summary>
public static class EdgeStreamsApi
{
    /// <summary>The origin's field with the publisher's IP:port; internal information that viewers never see.</summary>
    public const string PrivateField = "publisher";

    public static void MapEdgeStreamsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/streams", (HttpContext context, StreamDirectory directory, UpstreamSet upstreams, ViewerTracker viewers) =>
        {
            context.Response.Headers.AccessControlAllowOrigin = "*";
            context.Response.Headers.CacheControl = "no-cache";
            var merged = directory.Merge(stream => upstreams.Rank(stream).Select(u => u.Name).ToArray());
            var array = new JsonArray();
            foreach (var stream in merged)
            {
                stream.Remove(PrivateField);
                stream["viewers"] = viewers.Count((string?)stream["name"] ?? "");
                array.Add(stream);
            }
            return Results.Text(array.ToJsonString(), "application/json");
        });
    }
}
