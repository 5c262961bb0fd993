using System.Text;
using Streaming.Archive.Hls;
using Streaming.Archive.Recording;
using Streaming.Archive.Storage;

namespace Streaming.Archive.Api;

/// <summary>
/// <c>GET /api/recordings[?stream=name]</c>: every archived stream with its sessions, read from the store:
/// start (the session id), duration (sum of EXTINF of the first rendition), end, bytes, renditions and
/// whether it is still recording (being recorded now, or its playlist has no EXT-X-ENDLIST yet).
/// </summary>
public static class RecordingsApi
{
    public static void MapRecordingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/recordings", async (string? stream, IObjectStore store, ArchiveService archive, CancellationToken ct) =>
        {
            if (stream is not null && !ObjectNames.IsSafeName(stream)) return Results.BadRequest();
            var list = await store.ListAsync(stream is null ? "" : stream + "/", ct);
            if (!list.Result.IsOk) return Results.Problem($"store: {StoreResult.Label(list.Result.Status)} {list.Result.Detail}", statusCode: 503);
            var live = archive.LiveSessions;
            var result = new List<RecordingView>();
            foreach (var byStream in list.Objects.Select(o => (Parts: o.Key.Split('/'), o.Size)).Where(o => o.Parts.Length >= 3)
                         .GroupBy(o => o.Parts[0], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var sessions = new List<SessionView>();
                foreach (var bySession in byStream.GroupBy(o => o.Parts[1], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    var renditions = bySession.Where(o => o.Parts.Length == 4).Select(o => o.Parts[2]).Distinct().Order(StringComparer.Ordinal).ToArray();
                    var (millis, ended) = renditions.Length == 0 ? (0L, false)
                        : await ReadPlaylistAsync(store, $"{byStream.Key}/{bySession.Key}/{renditions[0]}/{ObjectNames.Playlist}", ct);
                    DateTimeOffset? start = SessionIds.TryParse(bySession.Key, out var s) ? s : null;
                    var isLive = (live.TryGetValue(byStream.Key, out var current) && current == bySession.Key) || !ended;
                    sessions.Add(new SessionView(bySession.Key, start, isLive ? null : start?.AddMilliseconds(millis), isLive, millis / 1000.0,
                        bySession.Sum(o => o.Size), renditions, $"/vod/{byStream.Key}/{bySession.Key}/{ObjectNames.Playlist}"));
                }
                result.Add(new RecordingView(byStream.Key, sessions.ToArray()));
            }
            return Results.Json(result);
        });
    }

    private static async Task<(long Millis, bool Ended)> ReadPlaylistAsync(IObjectStore store, string key, CancellationToken ct)
    {
        var get = await store.GetAsync(key, ct);
        if (!get.Result.IsOk) return (0, false);
        var text = Encoding.UTF8.GetString(get.Body);
        long millis = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("#EXTINF:", StringComparison.Ordinal)) continue;
            var comma = line.IndexOf(',');
            if (OriginPlaylistParser.TryParseMillis(comma < 0 ? line[8..] : line[8..comma], out var ms)) millis += ms;
        }
        return (millis, text.Contains("#EXT-X-ENDLIST", StringComparison.Ordinal));
    }
}
