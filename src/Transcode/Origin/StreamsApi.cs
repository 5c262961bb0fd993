using Streaming.Shared.Media;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Origin;

/// <summary><c>GET /api/streams</c>: the origin's streams (with their instance) with their renditions, tracks and measured bitrates.</summary>
public static class StreamsApi
{
    public sealed record TrackView(string Kind, string Codec, int Width, int Height, double FrameRate, int SampleRate, int Channels);

    public sealed record RenditionView(string Name, long Bandwidth, long AverageBandwidth, double FrameRate, long LastMsn, TrackView[] Tracks);

    public sealed record StreamView(
        string Name, string Instance, bool Live, string? SessionId, string? Publisher, DateTimeOffset? StartedAt, double UptimeSeconds,
        DateTimeOffset? LastSessionEndedAt, RenditionView[] Renditions);

    public static void MapStreamsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/streams", (OriginStreamRegistry registry, OriginHub hub, TimeProvider time) =>
        {
            var sessions = hub.ActiveSessions();
            var now = time.GetUtcNow();
            var streams = registry.List().OrderBy(s => s.Name, StringComparer.Ordinal).Select(stream =>
            {
                sessions.TryGetValue(stream.Name, out var session);
                DateTimeOffset? started = session is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(session.Hello.StartedUnixMicros / 1000);
                return new StreamView(stream.Name, stream.Instance.ToString(), stream.IsLive, session?.Hello.SessionId.ToString(), session?.Hello.RemoteAddress,
                    started, started is null ? 0 : Math.Round((now - started.Value).TotalSeconds, 1), stream.LastSessionEndedAt,
                    stream.Renditions.Select(View).ToArray());
            });
            return Results.Json(streams);
        });
    }

    private static RenditionView View(HlsRendition rendition)
    {
        var s = rendition.Current;
        var tracks = new[] { s.Tracks.Video, s.Tracks.Audio }.Where(t => t is not null).Select(t => new TrackView(
            t!.Kind == TrackKind.Video ? "video" : "audio", t.CodecString, t.Width, t.Height, t.FrameRate, t.SampleRate, t.Channels));
        return new RenditionView(rendition.Name, s.PeakBandwidth, s.AverageBandwidth, s.MeasuredFrameRate, s.NextMsn - 1, tracks.ToArray());
    }
}
