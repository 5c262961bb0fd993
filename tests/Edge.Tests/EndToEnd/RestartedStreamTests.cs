using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Streaming.Edge.Tests.Infrastructure;
using Streaming.Shared.Hls;

namespace Streaming.Edge.Tests.EndToEnd;

/// <summary>
/// A stream published, stopped past the origin's reconnect window and published again with other content is a new
/// stream instance: none of the first broadcast's object URLs come back, and a viewer through the edge (whose cache
/// holds the first broadcast's objects) decodes the new frames.
/// </summary>
public sealed partial class RestartedStreamTests
{
    private const string Stream = "restarted";
    private const string Red = "color=c=red:size=640x360:rate=30";
    private const string Blue = "color=c=blue:size=640x360:rate=30";

    [Fact]
    public async Task A_stream_published_again_after_the_reconnect_window_never_reuses_an_object_url_and_viewers_get_the_new_frames()
    {
        await using var system = new LiveSystem();
        var origin = await system.StartOriginAsync("origin", transcode: false,
            new Dictionary<string, string> { ["STREAMING__HLS__RECONNECTWINDOWSECONDS"] = "2" });
        await system.StartIngestAsync();
        var edge = await system.StartEdgeAsync("edge");

        var first = system.Publish(Stream, Red);
        var firstPlaylist = await WaitForCompleteSegmentAsync(system, edge.BaseUrl);
        var firstNames = ObjectNames(firstPlaylist);
        var firstColour = await DecodeThroughEdgeAsync(system, edge.BaseUrl, firstPlaylist);
        Assert.True(IsRed(firstColour), $"first broadcast decodes as {firstColour} (expected red)\n{system.Describe()}");
        await first.DisposeAsync();

        // The origin drops the stream once it stayed without a publisher for the (2 s) reconnect window.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await system.Http.GetStringAsync($"{origin.Http}/api/streams")).Contains($"\"{Stream}\"", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the origin kept the stream past its reconnect window\n" + system.Describe());
            await Task.Delay(250);
        }

        system.Publish(Stream, Blue);
        var secondPlaylist = await WaitForCompleteSegmentAsync(system, edge.BaseUrl);
        var secondNames = new HashSet<string>(ObjectNames(secondPlaylist));
        // Later playlists too, from the edge and from the origin.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        secondNames.UnionWith(ObjectNames(await system.Http.GetStringAsync($"{edge.BaseUrl}/live/{Stream}/source/index.m3u8")));
        secondNames.UnionWith(ObjectNames(await system.Http.GetStringAsync($"{origin.Http}/live/{Stream}/source/index.m3u8")));

        Assert.Empty(secondNames.Intersect(firstNames));
        var firstInstance = Instances(firstNames).Single();
        Assert.DoesNotContain(firstInstance, Instances(secondNames));
        var secondColour = await DecodeThroughEdgeAsync(system, edge.BaseUrl, secondPlaylist);
        Assert.True(IsBlue(secondColour), $"second broadcast decodes as {secondColour} (expected blue)\n{system.Describe()}");
        // The edge noticed the new instance and purged what it held of the first one.
        var metrics = await MetricsText.ScrapeAsync(system.Http, edge.BaseUrl);
        Assert.True(metrics.Sum("streaming_edge_instance_changes_total") >= 1, metrics.Raw);
        // The first broadcast's segment the viewer fetched (so the edge cached it) is gone, not served from the cache.
        using var old = await system.Http.GetAsync($"{edge.BaseUrl}/live/{Stream}/source/{SegmentLine().Match(firstPlaylist).Value.Trim()}");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    /// <summary>The edge's media playlist once it lists a complete segment.</summary>
    private static async Task<string> WaitForCompleteSegmentAsync(LiveSystem system, string edge)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await system.Http.GetAsync($"{edge}/live/{Stream}/source/index.m3u8");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && SegmentLine().IsMatch(body)) return body;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"no complete segment of {Stream} at the edge\n{system.Describe()}");
    }

    /// <summary>Every object URI a media playlist names (segment lines and URI attributes, rendition reports aside).</summary>
    private static string[] ObjectNames(string playlist)
    {
        var names = new List<string>();
        foreach (var line in playlist.Split('\n'))
        {
            if (line.Length > 0 && line[0] != '#') names.Add(line);
            foreach (Match m in UriAttribute().Matches(line)) names.Add(m.Groups[1].Value);
        }
        var objects = names.Where(n => HlsNames.TryParse(n, out var o) && o.Kind != HlsObjectKind.MediaPlaylist).ToArray();
        Assert.Equal(names.Count, objects.Length);
        Assert.NotEmpty(objects);
        return objects;
    }

    private static IEnumerable<StreamInstance> Instances(IEnumerable<string> names) =>
        names.Select(n => HlsNames.TryParse(n, out var o) ? o.Instance : default).Distinct();

    /// <summary>Fetches the playlist's init segment and its first complete segment through the edge; the first frame's average RGB.</summary>
    private static async Task<(int R, int G, int B)> DecodeThroughEdgeAsync(LiveSystem system, string edge, string playlist)
    {
        var init = MapUri().Match(playlist).Groups[1].Value;
        var segment = SegmentLine().Match(playlist).Value.Trim();
        var baseUrl = $"{edge}/live/{Stream}/source/";
        var bytes = (await system.Http.GetByteArrayAsync(baseUrl + init)).Concat(await system.Http.GetByteArrayAsync(baseUrl + segment)).ToArray();
        var directory = Directory.CreateTempSubdirectory("restarted-");
        try
        {
            var media = Path.Combine(directory.FullName, "media.mp4");
            var rgb = Path.Combine(directory.FullName, "frame.rgb");
            await File.WriteAllBytesAsync(media, bytes);
            ExternalProgram.Run("ffmpeg", "-nostdin", "-v", "error", "-i", media, "-frames:v", "1", "-vf", "scale=1:1:flags=area",
                "-pix_fmt", "rgb24", "-f", "rawvideo", "-y", rgb);
            var pixel = await File.ReadAllBytesAsync(rgb);
            Assert.Equal(3, pixel.Length);
            return (pixel[0], pixel[1], pixel[2]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static bool IsRed((int R, int G, int B) c) => c.R > 180 && c.G < 70 && c.B < 70;

    private static bool IsBlue((int R, int G, int B) c) => c.B > 180 && c.R < 70 && c.G < 70;

    [GeneratedRegex("^[0-9a-f]{12}-seg[0-9]+\\.m4s$", RegexOptions.Multiline)]
    private static partial Regex SegmentLine();

    [GeneratedRegex("#EXT-X-MAP:URI=\"([^\"]+)\"")]
    private static partial Regex MapUri();

    [GeneratedRegex("(?<!RENDITION-REPORT:)URI=\"([^\"]+)\"")]
    private static partial Regex UriAttribute();
}
