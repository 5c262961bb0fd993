using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Shared.Link;
using Streaming.Shared.Media;
using Streaming.Shared.Security;
using Streaming.TestSupport;
using Streaming.Transcode.Link;
using Streaming.Transcode.Origin;
using Streaming.Transcode.Packaging;
using Streaming.Transcode.Tests.Hls;

namespace Streaming.Transcode.Tests.Link;

/// <summary>The origin's frame-link listener over real loopback sockets: handshake, refusals and caps.</summary>
public sealed class LinkServerTests : IAsyncLifetime
{
    private const string Secret = "cluster-secret";
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(Secret);

    /// <summary>x264 baseline 320x240: avc1.42c00d.</summary>
    private static readonly byte[] AvcC =
    [
        0x01, 0x42, 0xC0, 0x0D, 0xFF, 0xE1, 0x00, 0x18, 0x67, 0x42, 0xC0, 0x0D, 0xD9, 0x01, 0x41, 0xFB, 0x01, 0x10, 0x00, 0x00,
        0x03, 0x00, 0x10, 0x00, 0x00, 0x03, 0x03, 0xC0, 0xF1, 0x42, 0xA4, 0x80, 0x01, 0x00, 0x05, 0x68, 0xCB, 0x83, 0xCB, 0x20,
    ];

    private static readonly TrackInfo Video = new()
    {
        Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = AvcC, Width = 9999, Height = 1, FrameRate = 30, AnnouncedBitrate = 500_000,
    };

    private readonly LinkMeters _meters = new();
    private readonly List<RawLinkClient> _clients = [];
    private OriginStreamRegistry _registry = null!;
    private OriginHub _hub = null!;
    private LinkServer _server = null!;
    private int _port;

    private async Task StartAsync(string secret = Secret, Action<OriginOptions>? configure = null)
    {
        _port = FreePorts.Take(1)[0];
        var options = new OriginOptions { ListenAddress = "127.0.0.1", LinkPort = _port, LinkHelloTimeoutSeconds = 30 };
        configure?.Invoke(options);
        _registry = new OriginStreamRegistry(Options.Create(new HlsOptions()), TimeProvider.System);
        var metrics = new LinkServerMetrics(_meters);
        _hub = new OriginHub(_registry, metrics, TimeProvider.System, NullLogger<OriginHub>.Instance);
        _server = new LinkServer(Options.Create(options), Options.Create(new ClusterSecretOptions { Secret = secret }), _hub, metrics,
            NullLogger<LinkServer>.Instance);
        await _server.StartAsync(CancellationToken.None);
    }

    private async Task<RawLinkClient> ConnectAsync()
    {
        var client = await RawLinkClient.ConnectAsync(_port);
        _clients.Add(client);
        return client;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_proven_hello_is_accepted_and_the_playlist_codecs_come_from_the_parsed_config()
    {
        await StartAsync();
        var client = await ConnectAsync();
        Assert.Equal(LinkMessageType.Accept, (await client.HelloAsync("demo", Key))?.Type);
        await client.SendAsync(w => LinkCodec.WriteTracks(w, new StreamTracks(Video, null)));

        await WaitUntilAsync(() => _registry.TryGet("demo", out var s) && s.TryRenderMasterPlaylist(out _), "the master playlist");
        _registry.TryGet("demo", out var stream);
        stream!.TryRenderMasterPlaylist(out var master);
        var parsed = StrictPlaylistParser.ParseMaster(Encoding.UTF8.GetString(master.Span));
        Assert.Empty(parsed.Violations);
        var variant = Assert.Single(parsed.Variants);
        Assert.Equal("avc1.42c00d", variant.Codecs);
        Assert.Equal("320x240", variant.Resolution); // from the SPS, not the 9999x1 that was sent
        Assert.Equal(0, _meters.Rejects.Total);
    }

    [Fact]
    public async Task A_wrong_proof_is_refused_and_cannot_create_or_replace_a_stream()
    {
        await StartAsync();
        var owner = await ConnectAsync();
        Assert.Equal(LinkMessageType.Accept, (await owner.HelloAsync("demo", Key))?.Type);
        var session = _hub.ActiveSessions()["demo"];

        var intruder = await ConnectAsync();
        Assert.Null(await intruder.HelloAsync("demo", Encoding.UTF8.GetBytes("guess")));
        var stranger = await ConnectAsync();
        Assert.Null(await stranger.HelloAsync("other", []));

        Assert.Same(session, _hub.ActiveSessions()["demo"]);
        Assert.False(session.IsSuperseded);
        Assert.False(_registry.TryGet("other", out _));
        Assert.Equal(1, _registry.Count);
        Assert.Equal(0, _meters.Takeovers);
        Assert.Equal(2, _meters.Rejects["bad_proof"]);
    }

    [Fact]
    public async Task Without_a_secret_the_handshake_still_runs_with_the_empty_key()
    {
        await StartAsync(secret: "");
        var client = await ConnectAsync();
        Assert.Equal(LinkMessageType.Accept, (await client.HelloAsync("open", []))?.Type);

        var wrong = await ConnectAsync();
        Assert.Null(await wrong.HelloAsync("other", Key));
        Assert.False(_registry.TryGet("other", out _));
        Assert.Equal(1, _meters.Rejects["bad_proof"]);
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("name with space")]
    public async Task A_proven_hello_with_a_name_ingest_would_refuse_is_refused(string name)
    {
        await StartAsync();
        var client = await ConnectAsync();
        Assert.Null(await client.HelloAsync(name, Key));
        Assert.Equal(0, _registry.Count);
        Assert.Equal(1, _meters.Rejects["bad_name"]);
    }

    [Fact]
    public async Task A_hello_of_the_previous_protocol_version_is_refused()
    {
        await StartAsync();
        var client = await ConnectAsync();
        Assert.Null(await client.HelloAsync("demo", Key, version: 1));
        Assert.Equal(0, _registry.Count);
        Assert.Equal(1, _meters.Rejects["bad_version"]);
    }

    [Fact]
    public async Task Before_the_proof_a_large_message_is_refused_from_its_header_without_waiting_for_its_body()
    {
        await StartAsync();
        var client = await ConnectAsync();
        await client.ReadChallengeAsync();
        var header = new byte[5 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(header, 8 * 1024 * 1024);
        header[4] = (byte)LinkMessageType.Hello;
        await client.SendAsync(header);

        Assert.Null(await client.ReadAsync()); // closed now, not after the 30 s hello timeout
        Assert.Equal(1, _meters.Rejects["invalid_message"]);
    }

    [Fact]
    public async Task Media_before_a_hello_is_refused()
    {
        await StartAsync();
        var client = await ConnectAsync();
        await client.ReadChallengeAsync();
        await client.SendAsync(w => LinkCodec.WriteTracks(w, new StreamTracks(Video, null)));
        Assert.Null(await client.ReadAsync());
        Assert.Equal(0, _registry.Count);
        Assert.Equal(1, _meters.Rejects["no_hello"]);
    }

    [Fact]
    public async Task A_silent_connection_is_refused_after_the_hello_timeout()
    {
        await StartAsync(configure: o => o.LinkHelloTimeoutSeconds = 0.3);
        var client = await ConnectAsync();
        await client.ReadChallengeAsync();
        Assert.Null(await client.ReadAsync());
        Assert.Equal(1, _meters.Rejects["hello_timeout"]);
    }

    [Fact]
    public async Task Trickling_bytes_does_not_extend_the_hello_timeout()
    {
        await StartAsync(configure: o => o.LinkHelloTimeoutSeconds = 1);
        var client = await ConnectAsync();
        await client.ReadChallengeAsync();
        var closed = client.ReadAsync();
        var header = new byte[] { 0, 0, 0x08, 0, (byte)LinkMessageType.Hello }; // a 2 KiB Hello, sent one byte at a time
        var clock = Stopwatch.StartNew();
        for (var i = 0; !closed.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(6); i++)
        {
            await client.SendAsync(new[] { i < header.Length ? header[i] : (byte)0 });
            await Task.Delay(50);
        }

        Assert.True(closed.IsCompleted, "a byte every 50 ms kept a connection without a Hello open for 6 s");
        Assert.Null(await closed);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"closed after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(1, _meters.Rejects["hello_timeout"]);
    }

    [Fact]
    public async Task Beyond_the_stream_cap_a_new_name_is_refused_but_a_known_one_reconnects()
    {
        await StartAsync(configure: o => o.MaxStreams = 1);
        var first = await ConnectAsync();
        Assert.Equal(LinkMessageType.Accept, (await first.HelloAsync("a", Key))?.Type);
        var second = await ConnectAsync();
        Assert.Null(await second.HelloAsync("b", Key));
        var again = await ConnectAsync();
        Assert.Equal(LinkMessageType.Accept, (await again.HelloAsync("a", Key))?.Type);

        Assert.False(_registry.TryGet("b", out _));
        Assert.Equal(1, _meters.Rejects["too_many_streams"]);
    }

    [Fact]
    public async Task Beyond_the_connection_cap_a_new_connection_is_closed_at_once()
    {
        await StartAsync(configure: o => o.MaxLinkConnections = 2);
        var one = await ConnectAsync();
        await one.ReadChallengeAsync();
        var two = await ConnectAsync();
        await two.ReadChallengeAsync();

        var three = await ConnectAsync();
        Assert.Null(await three.ReadAsync()); // no challenge: closed
        Assert.Equal(1, _meters.Rejects["too_many_connections"]);

        await one.DisposeAsync();
        _clients.Remove(one);
        await WaitUntilAsync(() => _meters.OpenConnections < 2, "the closed connection to be counted out");
        var four = await ConnectAsync();
        Assert.Equal(LinkMessageType.Accept, (await four.HelloAsync("after", Key))?.Type);
    }

    [Fact]
    public async Task Tracks_whose_config_does_not_parse_end_the_session()
    {
        await StartAsync();
        var client = await ConnectAsync();
        Assert.Equal(LinkMessageType.Accept, (await client.HelloAsync("demo", Key))?.Type);
        await client.SendAsync(w => LinkCodec.WriteTracks(w, new StreamTracks(Video with { CodecConfig = [1, 0x64, 0, 0x1F] }, null)));

        Assert.Null(await client.ReadAsync());
        Assert.Equal(1, _meters.Rejects["invalid_codec"]);
        _registry.TryGet("demo", out var stream);
        Assert.False(stream!.IsLive);
        Assert.False(stream.TryRenderMasterPlaylist(out _));
    }

    [Fact]
    public async Task A_codec_string_with_quotes_and_newlines_in_a_tracks_message_never_reaches_a_playlist()
    {
        await StartAsync();
        var client = await ConnectAsync();
        Assert.Equal(LinkMessageType.Accept, (await client.HelloAsync("demo", Key))?.Type);
        // A video track laid out as protocol version 1 did: a codec string between the bitrate and the config.
        var evil = Encoding.UTF8.GetBytes("avc1.42c00d\",RESOLUTION=1x1\n#EXT-X-STREAM-INF:BANDWIDTH=1\nhttp://evil.example/x.m3u8");
        var body = new List<byte> { (byte)LinkMessageType.Tracks, 1, (byte)CodecId.H264, 1, 64, 0, 240, 0, 0, 0x75, 0x30, 0, 0, 0, 0, 0, 0, 7, 0xA1, 0x20 };
        body.AddRange([(byte)(evil.Length >> 8), (byte)evil.Length, .. evil]);
        body.AddRange([0, 0, 0, (byte)AvcC.Length, .. AvcC]);
        var message = new byte[4 + body.Count];
        BinaryPrimitives.WriteUInt32BigEndian(message, (uint)body.Count);
        body.CopyTo(message, 4);
        await client.SendAsync(message);

        Assert.Null(await client.ReadAsync()); // not a version 2 Tracks message: the session is closed
        _registry.TryGet("demo", out var stream);
        Assert.False(stream!.IsLive);
        Assert.False(stream.TryRenderMasterPlaylist(out _));

        // A track object carrying such a string (however it got there) does not put it in the playlist either.
        var again = await ConnectAsync();
        Assert.Equal(LinkMessageType.Accept, (await again.HelloAsync("demo", Key))?.Type);
        stream.Process(Shared.Streams.StreamEvent.ForTracks(new StreamTracks(Video with { CodecString = Encoding.UTF8.GetString(evil) }, null)));
        Assert.True(stream.TryRenderMasterPlaylist(out var master));
        var text = Encoding.UTF8.GetString(master.Span);
        Assert.DoesNotContain("evil", text);
        Assert.Empty(StrictPlaylistParser.ParseMaster(text).Violations);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        if (_server is not null)
        {
            await _server.StopAsync(CancellationToken.None);
            _server.Dispose();
        }
        _hub?.Dispose();
        _registry?.Dispose();
        _meters.Dispose();
    }
}
