using System.Buffers;
using System.Diagnostics.Metrics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
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

    [Fact]
    public async Task Failing_over_to_another_origin_starts_it_from_the_cached_gop_without_waiting_for_a_keyframe()
    {
        using var first = new FakeOrigin();
        using var second = new FakeOrigin();
        var members = new[] { first.Member("a"), second.Member("b") };
        var streamName = Enumerable.Range(0, 100).Select(i => $"g{i}").First(n => RendezvousHash.Rank(n, members, m => m.Name)[0].Name == "a");
        var stream = new LiveStream(streamName);
        var run = NewLink(stream, members).RunAsync(CancellationToken.None);
        stream.SetTracks(new StreamTracks(Video, null));
        stream.Publish(Frame(0, key: true));
        stream.Publish(Frame(3000, key: false));
        var onFirst = await first.ReadFramesAsync(2);
        Assert.Equal(new long[] { 0, 3000 }, onFirst);

        first.DropClient();
        var onSecond = second.ReadUntilSessionEndAsync();
        for (var i = 2; i < 200 && !second.HasClient; i++)
        {
            stream.Publish(Frame(i * 3000, key: false));
            await Task.Delay(20);
        }
        stream.EndSession();
        var received = await onSecond;
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        var frames = received.Where(m => m.Type == LinkMessageType.Frame).Select(m => m.Frame.Dts).ToArray();
        Assert.Equal(0, frames[0]);
        Assert.Equal(3000, frames[1]);
        Assert.Equal(frames.Distinct().Count(), frames.Length);
    }

    [Fact]
    public async Task An_origin_that_does_not_accept_the_proof_gets_no_media_and_is_retried_with_backoff()
    {
        using var origin = new FakeOrigin(Encoding.UTF8.GetBytes("another-secret"));
        using var factory = new TestMeterFactory();
        var metrics = new LinkMetrics(factory);
        long refusals = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "streaming_ingest_link_refusals" && factory.Created(instrument.Meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref refusals, value));
        listener.Start();
        var stream = new LiveStream("refused");
        using var stop = new CancellationTokenSource();
        var run = NewLink(stream, [origin.Member("o0")], metrics).RunAsync(stop.Token);
        stream.SetTracks(new StreamTracks(Video, null));
        var accepting = origin.AcceptForAsync(TimeSpan.FromSeconds(3));
        for (var i = 0; !accepting.IsCompleted; i++)
        {
            stream.Publish(Frame(i * 3000, key: true));
            await Task.Delay(20);
        }
        var connections = await accepting;
        stream.EndSession();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.InRange(connections, 2, 8); // retried, but with backoff (an immediate retry loop makes dozens)
        Assert.Equal(connections, origin.Refused);
        Assert.Equal(0, origin.BytesAfterRefusal); // no tracks or frames without an Accept
        Assert.InRange(Interlocked.Read(ref refusals), connections - 1, connections);
    }

    private static readonly byte[] Key = Encoding.UTF8.GetBytes("test-cluster-secret");

    private static OriginLink NewLink(LiveStream stream, IReadOnlyList<OriginMember> members, LinkMetrics? metrics = null) =>
        new(stream, new LinkHello(stream.Name, Guid.NewGuid(), "127.0.0.1:1", 0), members, Key, new OriginLinkOptions { LinkConnectTimeoutSeconds = 1 },
            metrics ?? new LinkMetrics(new TestMeterFactory()), TimeProvider.System, NullLogger.Instance);

    private static MediaFrame Frame(long dts, bool key)
    {
        var buffer = SharedBuffer.CopyOf([0, 0, 0, 1, 0x65]);
        return new MediaFrame(TrackKind.Video, key ? FrameFlags.Keyframe : FrameFlags.None, dts, dts, 0, buffer, 0, buffer.Length);
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public bool Created(Meter meter) => _meters.Contains(meter);

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }

    /// <summary>
    /// A link listener speaking the origin side of the handshake: Challenge, then a Hello whose proof must verify
    /// under <see cref="Key"/> (or under <c>key</c>), then Accept; a Hello that does not verify is closed on.
    /// </summary>
    private sealed class FakeOrigin(byte[]? key = null) : IDisposable
    {
        private readonly TcpListener _listener = StartListener();
        private readonly byte[] _key = key ?? Key;

        private static TcpListener StartListener()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return listener;
        }

        /// <summary>Hellos that failed the proof, and connections that sent anything after one.</summary>
        public int Refused { get; private set; }
        public int BytesAfterRefusal { get; private set; }

        /// <summary>Runs the origin side of the handshake; the Hello message when it verified, null after closing on a bad one.</summary>
        private async Task<LinkMessage?> HandshakeAsync(TcpClient client, PipeReader reader, CancellationToken cancellationToken)
        {
            var nonce = RandomNumberGenerator.GetBytes(LinkProof.NonceLength);
            var writer = PipeWriter.Create(client.GetStream(), new StreamPipeWriterOptions(leaveOpen: true));
            LinkCodec.WriteChallenge(writer, nonce);
            await writer.FlushAsync(cancellationToken);
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                var status = LinkCodec.TryRead(ref buffer, out var hello, LinkCodec.MaxHandshakeMessageLength);
                if (status == LinkReadStatus.NeedMore && !read.IsCompleted)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }
                reader.AdvanceTo(buffer.Start);
                Assert.Equal(LinkReadStatus.Message, status);
                Assert.Equal(LinkMessageType.Hello, hello.Type);
                if (!LinkProof.Verify(_key, nonce, hello.Hello!, hello.Proof))
                {
                    Refused++;
                    // Whatever the ingest sends without an Accept is counted, then the connection is closed.
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    wait.CancelAfter(TimeSpan.FromMilliseconds(100));
                    try
                    {
                        var more = await reader.ReadAsync(wait.Token);
                        BytesAfterRefusal += (int)more.Buffer.Length;
                        reader.AdvanceTo(more.Buffer.End);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                    }
                    client.Close();
                    return null;
                }
                LinkCodec.WriteAccept(writer);
                await writer.FlushAsync(cancellationToken);
                return hello;
            }
        }

        /// <summary>Accepts connections for <paramref name="duration"/>, refusing or accepting each per its proof; the connection count.</summary>
        public async Task<int> AcceptForAsync(TimeSpan duration)
        {
            using var timeout = new CancellationTokenSource(duration);
            var connections = 0;
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(timeout.Token);
                    connections++;
                    var reader = PipeReader.Create(client.GetStream(), new StreamPipeReaderOptions(leaveOpen: true));
                    if (await HandshakeAsync(client, reader, timeout.Token) is not null) client.Close();
                }
            }
            catch (OperationCanceledException)
            {
            }
            return connections;
        }

        public bool HasClient { get; private set; }

        private TcpClient? _held;

        /// <summary>Accepts the link, reads <paramref name="count"/> frames and keeps the connection open.</summary>
        public async Task<long[]> ReadFramesAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            _held = await _listener.AcceptTcpClientAsync(timeout.Token);
            var reader = PipeReader.Create(_held.GetStream(), new StreamPipeReaderOptions(leaveOpen: true));
            Assert.NotNull(await HandshakeAsync(_held, reader, timeout.Token));
            var frames = new List<long>();
            while (frames.Count < count)
            {
                var read = await reader.ReadAsync(timeout.Token);
                var buffer = read.Buffer;
                while (frames.Count < count && LinkCodec.TryRead(ref buffer, out var message) == LinkReadStatus.Message)
                {
                    if (message.Type != LinkMessageType.Frame) continue;
                    frames.Add(message.Frame.Dts);
                    message.Frame.Release();
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
            return frames.ToArray();
        }

        /// <summary>The origin dies: its listener and connection go away.</summary>
        public void DropClient()
        {
            _listener.Stop();
            _held?.Client.Close();
        }

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
            var hello = await HandshakeAsync(client, reader, timeout.Token);
            Assert.NotNull(hello);
            var messages = new List<LinkMessage> { hello.Value };
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

        public void Dispose()
        {
            _listener.Stop();
            _held?.Dispose();
        }
    }
}
