using System.Buffers;
using System.Diagnostics.Metrics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Ingest.Link;
using Streaming.Shared.Cluster;
using Streaming.Shared.Link;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;

namespace Streaming.Ingest.Tests.Link;

public class OriginLinkTests
{
    private static readonly TrackInfo Video = new()
    {
        Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = [1, 0x64, 0, 0x1f], Width = 640, Height = 360, CodecString = "avc1.64001f",
    };

    [Fact]
    public async Task A_session_reaches_the_origin_as_hello_tracks_frames_from_a_keyframe_and_session_end()
    {
        using var origin = new FakeOrigin();
        var stream = new LiveStream("demo");
        var link = NewLink(stream, [origin.Member("o0")]);
        var run = link.RunAsync(CancellationToken.None);
        stream.SetTracks(new StreamTracks(Video, null));
        stream.Publish(Frame(0, key: false));
        stream.Publish(Frame(3000, key: true));
        stream.Publish(Frame(6000, key: false));
        stream.EndSession();

        var messages = await origin.ReadUntilSessionEndAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(LinkMessageType.Hello, messages[0].Type);
        Assert.Equal("demo", messages[0].Hello!.StreamName);
        Assert.Equal(LinkMessageType.Tracks, messages[1].Type);
        var frames = messages.Where(m => m.Type == LinkMessageType.Frame).Select(m => m.Frame.Dts).ToArray();
        Assert.Equal(new long[] { 3000, 6000 }, frames);
        Assert.Equal(LinkMessageType.SessionEnd, messages[^1].Type);
    }

    [Fact]
    public async Task When_the_first_ranked_origin_is_down_the_session_goes_to_the_next_one()
    {
        using var live = new FakeOrigin();
        var deadPort = FakeOrigin.UnusedPort();
        var dead = new OriginMember { Name = "dead", Link = $"127.0.0.1:{deadPort}", Http = "http://127.0.0.1:1" };
        var members = new[] { dead, live.Member("live") };
        var streamName = Enumerable.Range(0, 100).Select(i => $"s{i}")
            .First(n => RendezvousHash.Rank(n, members, m => m.Name)[0] == dead);
        var stream = new LiveStream(streamName);
        var run = NewLink(stream, members).RunAsync(CancellationToken.None);
        stream.SetTracks(new StreamTracks(Video, null));
        var messages = live.ReadUntilSessionEndAsync();
        for (var i = 0; i < 100 && !live.HasClient; i++)
        {
            stream.Publish(Frame(i * 3000, key: true));
            await Task.Delay(20);
        }
        stream.EndSession();
        var received = await messages;
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(streamName, received[0].Hello!.StreamName);
        Assert.Contains(received, m => m.Type == LinkMessageType.Tracks);
    }

    private static OriginLink NewLink(LiveStream stream, IReadOnlyList<OriginMember> members) =>
        new(stream, new LinkHello(stream.Name, Guid.NewGuid(), "127.0.0.1:1", 0), members, new OriginLinkOptions { LinkConnectTimeoutSeconds = 1 },
            new LinkMetrics(new TestMeterFactory()), TimeProvider.System, NullLogger.Instance);

    private static MediaFrame Frame(long dts, bool key)
    {
        var buffer = SharedBuffer.CopyOf([0, 0, 0, 1, 0x65]);
        return new MediaFrame(TrackKind.Video, key ? FrameFlags.Keyframe : FrameFlags.None, dts, dts, 0, buffer, 0, buffer.Length);
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);
        public void Dispose() { }
    }

    private sealed class FakeOrigin : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public FakeOrigin() => _listener.Start();

        public bool HasClient { get; private set; }

        public OriginMember Member(string name) => new()
        {
            Name = name, Link = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}", Http = "http://127.0.0.1:1",
        };

        public static int UnusedPort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        public async Task<List<LinkMessage>> ReadUntilSessionEndAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            using var client = await _listener.AcceptTcpClientAsync(timeout.Token);
            HasClient = true;
            var reader = PipeReader.Create(client.GetStream());
            var messages = new List<LinkMessage>();
            while (true)
            {
                var read = await reader.ReadAsync(timeout.Token);
                var buffer = read.Buffer;
                while (LinkCodec.TryRead(ref buffer, out var message) == LinkReadStatus.Message)
                {
                    messages.Add(message);
                    if (message.Type == LinkMessageType.Frame) message.Frame.Release();
                    if (message.Type == LinkMessageType.SessionEnd) return messages;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted) return messages;
            }
        }

        public void Dispose() => _listener.Stop();
    }
}
