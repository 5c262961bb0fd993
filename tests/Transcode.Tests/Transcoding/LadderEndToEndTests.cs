using System.Diagnostics;
using Streaming.Transcode.Tests.Cmaf;
using Streaming.Transcode.Tests.FFmpeg;
using Streaming.Transcode.Tests.Hls;

namespace Streaming.Transcode.Tests.Transcoding;

/// <summary>Ingest and origin as real processes, ffmpeg publishing over RTMP, players' view over HTTP.</summary>
[Collection(FfmpegCollection.Name)]
public sealed class LadderEndToEndTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_720p_rtmp_publish_is_served_as_source_480p_and_360p_with_reports_and_decodable_rungs()
    {
        var ports = ServiceHost.FreePorts(4);
        var (http, link, rtmp, api) = (ports[0], ports[1], ports[2], ports[3]);
        var common = new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Streaming"] = "Information" };
        using var origin = ServiceHost.Start("dotnet", [ServiceHost.Assembly("Transcode", "Streaming.Transcode.dll")],
            new Dictionary<string, string>(common)
            {
                ["STREAMING__ORIGIN__LISTENADDRESS"] = "127.0.0.1", ["STREAMING__ORIGIN__HTTPPORT"] = $"{http}",
                ["STREAMING__ORIGIN__LINKPORT"] = $"{link}",
            });
        using var ingest = ServiceHost.Start("dotnet", [ServiceHost.Assembly("Ingest", "Streaming.Ingest.dll")],
            new Dictionary<string, string>(common)
            {
                ["STREAMING__INGEST__LISTENADDRESS"] = "127.0.0.1", ["STREAMING__INGEST__RTMPPORT"] = $"{rtmp}",
                ["STREAMING__INGEST__APIPORT"] = $"{api}", ["STREAMING__CLUSTER__ORIGINS__0__NAME"] = "o0",
                ["STREAMING__CLUSTER__ORIGINS__0__LINK"] = $"127.0.0.1:{link}",
                ["STREAMING__CLUSTER__ORIGINS__0__HTTP"] = $"http://127.0.0.1:{http}",
            });
        await WaitHealthy(origin, http);
        await WaitHealthy(ingest, api);

        using var publisher = ServiceHost.Start("ffmpeg",
            ["-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
             "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "60", "-pix_fmt", "yuv420p", "-c:a", "aac",
             "-t", "15", "-f", "flv", $"rtmp://127.0.0.1:{rtmp}/live/ladder"], new Dictionary<string, string>());
        var baseUrl = $"http://127.0.0.1:{http}/live/ladder";
        var diagnostics = () => $"\n--- origin ---\n{origin.Log}\n--- ingest ---\n{ingest.Log}\n--- ffmpeg ---\n{publisher.Log}";

        // Two complete segments in every rendition, so the bandwidths are measured from produced media.
        StrictPlaylistParser.MasterPlaylist? master = null;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            var text = await TryGet($"{baseUrl}/index.m3u8");
            if (text is not null)
            {
                master = StrictPlaylistParser.ParseMaster(text);
                if (master.Variants.Count == 3 && await AllHaveSegments(baseUrl, master, 2)) break;
            }
            await Task.Delay(500);
        }
        Assert.True(master is { Variants.Count: 3 }, "master playlist with 3 variants expected" + diagnostics());
        Assert.Empty(master!.Violations);
        master = StrictPlaylistParser.ParseMaster((await TryGet($"{baseUrl}/index.m3u8"))!);

        var byUri = master.Variants.ToDictionary(v => v.Uri);
        Assert.Equal(["360p/index.m3u8", "480p/index.m3u8", "source/index.m3u8"], byUri.Keys.Order());
        Assert.Equal("1280x720", byUri["source/index.m3u8"].Resolution);
        Assert.Equal("854x480", byUri["480p/index.m3u8"].Resolution);
        Assert.Equal("640x360", byUri["360p/index.m3u8"].Resolution);
        foreach (var rung in new[] { "480p", "360p" })
        {
            var variant = byUri[$"{rung}/index.m3u8"];
            Assert.Matches(@"^avc1\.64[0-9a-f]{4},mp4a\.40\.2$", variant.Codecs);
            Assert.Equal(30m, variant.FrameRate);
            // Measured from segments: near the configured video rate plus audio, far from the source's.
            var configured = rung == "480p" ? 1_400_000 : 800_000;
            Assert.InRange(variant.AverageBandwidth!.Value, configured / 3, configured * 2);
            Assert.True(variant.Bandwidth >= variant.AverageBandwidth);
        }

        foreach (var rendition in new[] { "source", "480p", "360p" })
        {
            var media = StrictPlaylistParser.ParseMedia((await TryGet($"{baseUrl}/{rendition}/index.m3u8"))!);
            Assert.True(media.IsValid, string.Join("\n", media.Violations));
            Assert.Equal(2, media.RenditionReports.Count);
            Assert.DoesNotContain(media.RenditionReports, r => r.Uri == $"../{rendition}/index.m3u8");
        }

        var decode = FfmpegTool.Run("ffmpeg", ["-v", "error", "-live_start_index", "0", "-i", $"{baseUrl}/480p/index.m3u8",
            "-t", "3", "-f", "null", "-"], timeoutMs: 30_000);
        Assert.True(decode.ExitCode == 0 && decode.StdErr.Trim() == "", $"480p decode: exit {decode.ExitCode}: {decode.StdErr}" + diagnostics());
        var probe = ExternalTool.ProbeStreams($"{baseUrl}/360p/index.m3u8");
        Assert.Contains(probe, s => s["codec_name"] == "h264" && s["width"] == "640" && s["height"] == "360");
    }

    private static async Task<bool> AllHaveSegments(string baseUrl, StrictPlaylistParser.MasterPlaylist master, int count)
    {
        foreach (var variant in master.Variants)
        {
            var text = await TryGet($"{baseUrl}/{variant.Uri}");
            if (text is null || StrictPlaylistParser.ParseMedia(text).Segments.Count < count) return false;
        }
        return true;
    }

    private static async Task<string?> TryGet(string url)
    {
        try
        {
            using var response = await Http.GetAsync(url);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task WaitHealthy(ServiceHost host, int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            Assert.False(host.HasExited, "service exited during start-up:\n" + host.Log);
            if (await TryGet($"http://127.0.0.1:{port}/healthz") is not null) return;
            await Task.Delay(200);
        }
        Assert.Fail("service not healthy within 20 s:\n" + host.Log);
    }
}
