using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Streaming.EndToEnd.Tests.Hls;
using Streaming.EndToEnd.Tests.Infrastructure;
using Streaming.EndToEnd.Tests.Publishing;
using Streaming.Shared.Link;
using Streaming.Shared.Media;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// The frame link with <c>Streaming:Cluster:Secret</c> set on origin and ingest: the real ingest path works, and a
/// raw TCP client speaking the link protocol without the secret can neither take over a live stream nor create one.
/// </summary>
public sealed class LinkAuthenticationTests : IAsyncLifetime
{
    private static readonly TimeSpan SegmentTimeout = TimeSpan.FromSeconds(30);
    private readonly string _secret = Convert.ToHexString(Guid.NewGuid().ToByteArray());
    private SystemUnderTest _sut = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        Tool.Require("ffmpeg");
        _sut = new SystemUnderTest { ClusterSecret = _secret };
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        _http.DefaultRequestHeaders.Add("X-Streaming-Secret", _secret);
        await _sut.InitializeAsync();
    }

    [Fact]
    public async Task Without_the_secret_a_link_client_can_neither_replace_a_live_stream_nor_create_one()
    {
        var stream = "auth" + Guid.NewGuid().ToString("N")[..8];
        var intruderStream = "intruder" + Guid.NewGuid().ToString("N")[..8];
        await using var publisher = Publisher.StartFfmpeg(_sut.RtmpUrl(stream));
        await _sut.RunAsync(async () =>
        {
            // The real path, with the secret on both sides, works.
            var before = await WaitForSegmentsAsync(_sut.MediaPlaylistUrl(stream), 2);
            var session = SessionOf(await GetAsync(_sut.OriginStreamsUrl), stream);
            Assert.NotNull(session);
            var rejectsBefore = await RejectsAsync("bad_proof");

            // No secret (the empty key), a guessed one, for the live name and for a new one; media pipelined behind the Hello.
            Assert.False(await IntrudeAsync(stream, []), "the origin accepted a Hello proven with the empty key");
            Assert.False(await IntrudeAsync(stream, Encoding.UTF8.GetBytes("guess")), "the origin accepted a guessed key");
            Assert.False(await IntrudeAsync(intruderStream, []), "the origin accepted a new stream without the secret");

            // The publisher keeps playing: same session, and the playlist keeps growing.
            await WaitForSegmentsAsync(_sut.MediaPlaylistUrl(stream), 1, before.LastCompleteMsn + 2);
            var streams = await GetAsync(_sut.OriginStreamsUrl);
            Assert.Equal(session, SessionOf(streams, stream));
            Assert.DoesNotContain(intruderStream, streams);
            using var intruderPlaylist = await _http.GetAsync(_sut.MasterPlaylistUrl(intruderStream));
            Assert.Equal(HttpStatusCode.NotFound, intruderPlaylist.StatusCode);
            Assert.True(await RejectsAsync("bad_proof") >= rejectsBefore + 3, "streaming_origin_link_rejects_total{reason=\"bad_proof\"} did not move by 3");
            Assert.False(publisher.HasExited, "the publisher was cut off");
        }, publisher.Describe);
    }

    /// <summary>Speaks the link protocol with <paramref name="key"/>; true if the origin answered Accept.</summary>
    private async Task<bool> IntrudeAsync(string name, byte[] key)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, _sut.OriginLinkPort);
        var network = client.GetStream();
        var reader = PipeReader.Create(network, new StreamPipeReaderOptions(leaveOpen: true));
        var challenge = await ReadAsync(reader);
        Assert.Equal(LinkMessageType.Challenge, challenge?.Type);

        var hello = new LinkHello(name, Guid.NewGuid(), "203.0.113.7:1935", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
        var proof = new byte[LinkProof.Length];
        LinkProof.Compute(key, challenge!.Value.Nonce!, hello, proof);
        var output = new ArrayBufferWriter<byte>();
        LinkCodec.WriteHello(output, hello, proof);
        var video = new TrackInfo { Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = [1, 0x42, 0xC0, 0x0D], AnnouncedBitrate = 1 };
        LinkCodec.WriteTracks(output, new StreamTracks(video, null));
        var payload = SharedBuffer.CopyOf([0, 0, 0, 1, 0x65]);
        LinkCodec.WriteFrame(output, new MediaFrame(TrackKind.Video, FrameFlags.Keyframe, 0, 0, 0, payload, 0, payload.Length));
        payload.Release();
        try
        {
            await network.WriteAsync(output.WrittenMemory);
        }
        catch (IOException)
        {
        }
        var answer = await ReadAsync(reader);
        await reader.CompleteAsync();
        return answer?.Type == LinkMessageType.Accept;
    }

    private static async Task<LinkMessage?> ReadAsync(PipeReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            ReadResult read;
            try
            {
                read = await reader.ReadAsync(timeout.Token);
            }
            catch (IOException)
            {
                return null;
            }
            var buffer = read.Buffer;
            if (LinkCodec.TryRead(ref buffer, out var message) == LinkReadStatus.Message)
            {
                reader.AdvanceTo(buffer.Start);
                return message;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted) return null;
        }
    }

    private async Task<string> GetAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} -> {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>The session id the origin's /api/streams shows for <paramref name="stream"/>.</summary>
    private static string? SessionOf(string json, string stream)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.GetProperty("name").GetString() == stream) return item.GetProperty("sessionId").GetString();
        }
        return null;
    }

    private async Task<double> RejectsAsync(string reason)
    {
        var prefix = $"streaming_origin_link_rejects_total{{reason=\"{reason}\"}} ";
        var line = (await GetAsync(_sut.OriginMetricsUrl)).Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[prefix.Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private async Task<LivePlaylist> WaitForSegmentsAsync(string url, int segments, long minLastMsn = 0)
    {
        var clock = Stopwatch.StartNew();
        string? last = null;
        while (clock.Elapsed < SegmentTimeout)
        {
            using var response = await _http.GetAsync(url);
            last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            if (response.IsSuccessStatusCode)
            {
                var playlist = LivePlaylistReader.Read(await response.Content.ReadAsStringAsync());
                if (playlist.CompleteSegments.Count() >= segments && playlist.LastCompleteMsn >= minLastMsn) return playlist;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{url} did not reach {segments} segments (MSN {minLastMsn}) in {SegmentTimeout.TotalSeconds:F0} s; last: {last}");
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_sut is not null) await _sut.DisposeAsync();
    }
}
