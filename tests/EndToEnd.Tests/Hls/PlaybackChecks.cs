using System.Text.RegularExpressions;
using Streaming.EndToEnd.Tests.Infrastructure;
using Streaming.EndToEnd.Tests.Publishing;

namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>What a viewer needs from a published stream, checked with ffprobe/ffmpeg against the origin.</summary>
public static class PlaybackChecks
{
    private static readonly TimeSpan FirstSegmentsTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// While <paramref name="publisher"/> is live: the master playlist advertises H.264 720p + AAC-LC,
    /// ffprobe reads h264 1280x720 and aac from it, the media playlist decodes without errors and its
    /// audio and video start and end together.
    /// </summary>
    public static async Task AssertPlayableAsync(SystemUnderTest sut, string stream, Publisher publisher, int segments = 4)
    {
        using var client = new OriginClient();
        var mediaUrl = sut.MediaPlaylistUrl(stream);
        var live = await client.WaitForSegmentsAsync(mediaUrl, segments, FirstSegmentsTimeout);
        Assert.False(publisher.HasExited && publisher.ExitCode != 0, $"publisher failed:{Environment.NewLine}{publisher.Describe()}");

        // The whole segments listed now, read as a finished presentation.
        using var snapshot = VodSnapshot.Create(live, mediaUrl);
        var decode = await MediaProbe.DecodeAsync(snapshot.Path);
        Assert.True(decode.ExitCode == 0 && DecodeErrors(decode).Length == 0,
            $"ffmpeg reported errors decoding the media playlist:{Environment.NewLine}{decode}{Environment.NewLine}{snapshot.Describe()}");

        var (packets, packetRun) = await MediaProbe.PacketsAsync(snapshot.Path);
        AssertAudioVideoInSync(packets, packetRun.ToString() + Environment.NewLine + snapshot.Describe());

        // As a player would open it: the live URLs.
        var liveDecode = await MediaProbe.DecodeAsync(mediaUrl, TimeSpan.FromSeconds(3));
        Assert.True(liveDecode.ExitCode == 0 && DecodeErrors(liveDecode).Length == 0,
            $"ffmpeg reported errors playing the live media playlist:{Environment.NewLine}{liveDecode}");

        var (streams, streamRun) = await MediaProbe.StreamsAsync(sut.MasterPlaylistUrl(stream));
        Assert.True(streams.Any(s => s is { CodecType: "video", CodecName: "h264", Width: 1280, Height: 720 }),
            $"ffprobe found no h264 1280x720 video in the master playlist:{Environment.NewLine}{streamRun}");
        Assert.True(streams.Any(s => s is { CodecType: "audio", CodecName: "aac" }),
            $"ffprobe found no aac audio in the master playlist:{Environment.NewLine}{streamRun}");

        var master = await client.GetAsync(sut.MasterPlaylistUrl(stream));
        Assert.Equal(200, master.Status);
        var masterViolations = StrictPlaylistCheck.MasterPlaylistViolations(master.Body);
        Assert.True(masterViolations.Count == 0,
            $"master playlist broke playlist rules:{Environment.NewLine}{string.Join(Environment.NewLine, masterViolations)}{Environment.NewLine}{master.Body}");
        AssertMasterAdvertises720pAvcAndAacLc(master.Body);
    }

    /// <summary>
    /// What ffmpeg printed about decoding, without the null muxer's complaint that two frames landed on the same
    /// output tick ("non monotonically increasing dts to muxer"): that comes from the publisher's own timestamp
    /// jitter (GStreamer's live sources under load), happens identically when the publisher's FLV is decoded
    /// directly, and says nothing about what we served.
    /// </summary>
    public static string DecodeErrors(ToolResult result) => string.Join('\n', result.StandardError
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(l => !l.Contains("non monotonically increasing dts to muxer", StringComparison.Ordinal)
                    && !l.StartsWith("Last message repeated", StringComparison.Ordinal)));

    public static void AssertMasterAdvertises720pAvcAndAacLc(string master)
    {
        var variants = master.Split('\n').Where(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)).ToList();
        Assert.True(variants.Count > 0, $"master playlist has no EXT-X-STREAM-INF:{Environment.NewLine}{master}");
        var source = variants.FirstOrDefault(v => v.Contains("RESOLUTION=1280x720", StringComparison.Ordinal));
        Assert.True(source is not null, $"no variant with RESOLUTION=1280x720:{Environment.NewLine}{master}");
        var codecs = Regex.Match(source!, "CODECS=\"([^\"]*)\"").Groups[1].Value;
        Assert.True(Regex.IsMatch(codecs, @"(^|,)avc1\.[0-9A-Fa-f]{6}(,|$)"), $"CODECS lacks avc1.xxxxxx: {source}");
        Assert.True(codecs.Split(',').Contains("mp4a.40.2"), $"CODECS lacks mp4a.40.2: {source}");
    }

    /// <summary>First audio and video packets within 100 ms of each other, last within 200 ms.</summary>
    public static void AssertAudioVideoInSync(IReadOnlyList<ProbedPacket> packets, string diagnostics)
    {
        var video = packets.Where(p => p.CodecType == "video").Select(p => p.PtsSeconds).ToList();
        var audio = packets.Where(p => p.CodecType == "audio").Select(p => p.PtsSeconds).ToList();
        Assert.True(video.Count > 0 && audio.Count > 0,
            $"media playlist needs audio and video packets, got {video.Count} video, {audio.Count} audio{Environment.NewLine}{diagnostics}");
        var firstGap = Math.Abs(video.Min() - audio.Min());
        var lastGap = Math.Abs(video.Max() - audio.Max());
        Assert.True(firstGap <= 0.100,
            $"first video pts {video.Min():F3} s vs first audio pts {audio.Min():F3} s: {firstGap * 1000:F0} ms apart (max 100){Environment.NewLine}{diagnostics}");
        Assert.True(lastGap <= 0.200,
            $"last video pts {video.Max():F3} s vs last audio pts {audio.Max():F3} s: {lastGap * 1000:F0} ms apart (max 200){Environment.NewLine}{diagnostics}");
    }
}
