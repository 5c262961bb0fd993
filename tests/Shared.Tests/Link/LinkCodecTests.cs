using System.Buffers;
using Streaming.Shared.Link;
using Streaming.Shared.Media;
using Streaming.Shared.Tests.Streams;

namespace Streaming.Shared.Tests.Link;

public class LinkCodecTests
{
    [Fact]
    public void Session_end_is_five_bytes_length_one_then_type()
    {
        var output = new ArrayBufferWriter<byte>();
        LinkCodec.WriteSessionEnd(output);
        Assert.Equal(new byte[] { 0, 0, 0, 1, 4 }, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_frame_is_encoded_byte_exact()
    {
        var buffer = SharedBuffer.CopyOf([9, 8, 7]);
        var frame = new MediaFrame(TrackKind.Audio, FrameFlags.Keyframe, 0x0102, 0x0103, 0x0A0B, buffer, 1, 2);
        var output = new ArrayBufferWriter<byte>();
        LinkCodec.WriteFrame(output, frame);
        byte[] expected =
        [
            0, 0, 0, 29, 3, 1, 1,
            0, 0, 0, 0, 0, 0, 1, 2,
            0, 0, 0, 0, 0, 0, 1, 3,
            0, 0, 0, 0, 0, 0, 0x0A, 0x0B,
            8, 7,
        ];
        Assert.Equal(expected, output.WrittenSpan.ToArray());
        buffer.Release();
    }

    [Fact]
    public void Hello_tracks_frame_and_end_round_trip()
    {
        var output = new ArrayBufferWriter<byte>();
        var hello = new LinkHello("démo", Guid.NewGuid(), "127.0.0.1:5000", 123456789);
        var tracks = TestFrames.AvTracks() with { };
        tracks = tracks with { Video = tracks.Video! with { FrameRate = 29.97, AnnouncedBitrate = 2_500_000 } };
        LinkCodec.WriteHello(output, hello);
        LinkCodec.WriteTracks(output, tracks);
        var frame = TestFrames.Video(90_000, key: true, fill: 5);
        LinkCodec.WriteFrame(output, frame);
        frame.Release();
        LinkCodec.WriteSessionEnd(output);

        var sequence = new ReadOnlySequence<byte>(output.WrittenMemory);
        Assert.Equal(LinkReadStatus.Message, LinkCodec.TryRead(ref sequence, out var m1));
        Assert.Equal(hello, m1.Hello);
        Assert.Equal(LinkReadStatus.Message, LinkCodec.TryRead(ref sequence, out var m2));
        Assert.True(m2.Tracks!.Video!.SameConfigAs(tracks.Video!));
        Assert.Equal(640, m2.Tracks.Video!.Width);
        Assert.Equal(29.97, m2.Tracks.Video.FrameRate, 3);
        Assert.Equal(2_500_000, m2.Tracks.Video.AnnouncedBitrate);
        Assert.Equal("mp4a.40.2", m2.Tracks.Audio!.CodecString);
        Assert.Equal(48000, m2.Tracks.Audio.SampleRate);
        Assert.Equal(LinkReadStatus.Message, LinkCodec.TryRead(ref sequence, out var m3));
        Assert.Equal(90_000, m3.Frame.Dts);
        Assert.True(m3.Frame.IsKeyframe);
        Assert.Equal(new byte[] { 5, 5, 5, 5 }, m3.Frame.Payload.ToArray());
        m3.Frame.Release();
        Assert.Equal(LinkReadStatus.Message, LinkCodec.TryRead(ref sequence, out var m4));
        Assert.Equal(LinkMessageType.SessionEnd, m4.Type);
        Assert.Equal(0, sequence.Length);
    }

    [Fact]
    public void Every_truncation_of_a_message_needs_more_and_consumes_nothing()
    {
        var output = new ArrayBufferWriter<byte>();
        LinkCodec.WriteHello(output, new LinkHello("s", Guid.Empty, "r", 1));
        var bytes = output.WrittenSpan.ToArray();
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var sequence = new ReadOnlySequence<byte>(bytes, 0, cut);
            Assert.Equal(LinkReadStatus.NeedMore, LinkCodec.TryRead(ref sequence, out _));
            Assert.Equal(cut, sequence.Length);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 3 })]
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF, 3 })]
    [InlineData(new byte[] { 0, 0, 0, 1, 99 })]
    [InlineData(new byte[] { 0, 0, 0, 2, 3, 0 })]
    public void Invalid_headers_are_rejected_before_waiting_for_a_body(byte[] bytes)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(LinkReadStatus.Invalid, LinkCodec.TryRead(ref sequence, out _));
    }

    [Fact]
    public void Seeded_garbage_never_throws()
    {
        var random = new Random(1234);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (bytes.Length > 4) bytes[0] = 0;
            var sequence = new ReadOnlySequence<byte>(bytes);
            var status = LinkCodec.TryRead(ref sequence, out var message);
            if (status == LinkReadStatus.Message && message.Type == LinkMessageType.Frame) message.Frame.Release();
        }
    }
}
