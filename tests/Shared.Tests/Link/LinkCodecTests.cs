using System.Buffers;
using System.Buffers.Binary;
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
        var proof = Enumerable.Range(100, LinkProof.Length).Select(i => (byte)i).ToArray();
        LinkCodec.WriteHello(output, hello, proof);
        LinkCodec.WriteTracks(output, tracks);
        var frame = TestFrames.Video(90_000, key: true, fill: 5);
        LinkCodec.WriteFrame(output, frame);
        frame.Release();
        LinkCodec.WriteSessionEnd(output);

        var sequence = new ReadOnlySequence<byte>(output.WrittenMemory);
        Assert.Equal(LinkReadStatus.Message, LinkCodec.TryRead(ref sequence, out var m1));
        Assert.Equal(hello, m1.Hello);
        Assert.Equal(proof, m1.Proof);
        Assert.Equal(LinkReadStatus.Message, LinkCodec.TryRead(ref sequence, out var m2));
        Assert.True(m2.Tracks!.Video!.SameConfigAs(tracks.Video!));
        Assert.Equal(640, m2.Tracks.Video!.Width);
        Assert.Equal(29.97, m2.Tracks.Video.FrameRate, 3);
        Assert.Equal(2_500_000, m2.Tracks.Video.AnnouncedBitrate);
        Assert.Equal("", m2.Tracks.Audio!.CodecString); // not on the wire: receivers derive it from the config
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
        LinkCodec.WriteHello(output, new LinkHello("s", Guid.Empty, "r", 1), new byte[LinkProof.Length]);
        LinkCodec.WriteChallenge(output, new byte[LinkProof.NonceLength]);
        var bytes = output.WrittenSpan.ToArray();
        var hello = 4 + (int)BinaryPrimitives.ReadUInt32BigEndian(bytes);
        foreach (var (start, end) in new[] { (0, hello), (hello, bytes.Length) })
        {
            for (var cut = start; cut < end; cut++)
            {
                var sequence = new ReadOnlySequence<byte>(bytes, start, cut - start);
                Assert.Equal(LinkReadStatus.NeedMore, LinkCodec.TryRead(ref sequence, out _));
                Assert.Equal(cut - start, sequence.Length);
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 3 })]
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF, 3 })]
    [InlineData(new byte[] { 0, 0, 0, 1, 99 })]
    [InlineData(new byte[] { 0, 0, 0, 2, 3, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 9, 7 })]
    [InlineData(new byte[] { 0, 0, 0, 9, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 2, 6, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 2, 4, 0 })]
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

    [Fact]
    public void A_challenge_is_length_type_version_then_the_nonce()
    {
        var nonce = Enumerable.Range(0, LinkProof.NonceLength).Select(i => (byte)i).ToArray();
        var output = new ArrayBufferWriter<byte>();
        LinkCodec.WriteChallenge(output, nonce);
        Assert.Equal(new byte[] { 0, 0, 0, 34, 5, 2 }.Concat(nonce).ToArray(), output.WrittenSpan.ToArray());

        var sequence = new ReadOnlySequence<byte>(output.WrittenMemory);
        Assert.Equal(LinkReadStatus.Message, LinkCodec.TryRead(ref sequence, out var message));
        Assert.Equal(LinkMessageType.Challenge, message.Type);
        Assert.Equal(nonce, message.Nonce);
    }

    [Fact]
    public void An_accept_is_five_bytes_length_one_then_type()
    {
        var output = new ArrayBufferWriter<byte>();
        LinkCodec.WriteAccept(output);
        Assert.Equal(new byte[] { 0, 0, 0, 1, 6 }, output.WrittenSpan.ToArray());
        var sequence = new ReadOnlySequence<byte>(output.WrittenMemory);
        Assert.Equal(LinkReadStatus.Message, LinkCodec.TryRead(ref sequence, out var message));
        Assert.Equal(LinkMessageType.Accept, message.Type);
    }

    [Fact]
    public void A_hello_is_encoded_byte_exact_with_the_proof_last()
    {
        var id = new Guid(Enumerable.Range(0x10, 16).Select(i => (byte)i).ToArray(), bigEndian: true);
        var proof = Enumerable.Repeat((byte)0xAA, LinkProof.Length).ToArray();
        var output = new ArrayBufferWriter<byte>();
        LinkCodec.WriteHello(output, new LinkHello("ab", id, "r", 0x0102), proof);
        byte[] expected =
        [
            0, 0, 0, 65, 1, // length (type + 32 bytes of fields + 32 bytes of proof), Hello
            2, // version
            0, 2, (byte)'a', (byte)'b',
            0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
            0, 1, (byte)'r',
            0, 0, 0, 0, 0, 0, 1, 2,
            .. proof,
        ];
        Assert.Equal(expected, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Tracks_carry_no_codec_string_only_the_decoder_config()
    {
        var audio = new TrackInfo
        {
            Kind = TrackKind.Audio, Codec = CodecId.Aac, CodecConfig = [0x11, 0x90], SampleRate = 48000, Channels = 2,
            AnnouncedBitrate = 128_000, CodecString = "mp4a.40.2\"\n#EXT-X-STREAM-INF:BANDWIDTH=1\nhttp://evil/x.m3u8",
        };
        var output = new ArrayBufferWriter<byte>();
        LinkCodec.WriteTracks(output, new StreamTracks(null, audio));
        byte[] expected =
        [
            0, 0, 0, 26, 2, 2, // length, Tracks, mask: audio only
            2, 0, 0, 0, 0, // AAC, width, height
            0, 0, 0, 0, // frame rate x 1000
            0, 0, 0xBB, 0x80, // 48000 Hz
            2, // channels
            0, 1, 0xF4, 0, // 128000 bit/s
            0, 0, 0, 2, 0x11, 0x90, // config
        ];
        Assert.Equal(expected, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_hello_or_challenge_of_another_version_is_reported_as_such()
    {
        var output = new ArrayBufferWriter<byte>();
        LinkCodec.WriteHello(output, new LinkHello("s", Guid.Empty, "r", 1), new byte[LinkProof.Length]);
        var hello = output.WrittenSpan.ToArray();
        hello[5] = 1;
        var sequence = new ReadOnlySequence<byte>(hello);
        Assert.Equal(LinkReadStatus.UnsupportedVersion, LinkCodec.TryRead(ref sequence, out _));

        output.Clear();
        LinkCodec.WriteChallenge(output, new byte[LinkProof.NonceLength]);
        var challenge = output.WrittenSpan.ToArray();
        challenge[5] = 3;
        sequence = new ReadOnlySequence<byte>(challenge);
        Assert.Equal(LinkReadStatus.UnsupportedVersion, LinkCodec.TryRead(ref sequence, out _));
    }

    [Fact]
    public void A_hello_with_trailing_bytes_a_short_proof_or_invalid_utf8_is_invalid()
    {
        var output = new ArrayBufferWriter<byte>();
        LinkCodec.WriteHello(output, new LinkHello("ab", Guid.Empty, "r", 1), new byte[LinkProof.Length]);
        var valid = output.WrittenSpan.ToArray();

        var trailing = valid.Append((byte)0).ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(trailing, (uint)(trailing.Length - 4));
        var shortProof = valid[..^1];
        BinaryPrimitives.WriteUInt32BigEndian(shortProof, (uint)(shortProof.Length - 4));
        var badUtf8 = valid.ToArray();
        badUtf8[8] = 0xFF; // second byte of the name

        foreach (var bytes in new[] { trailing, shortProof, badUtf8 })
        {
            var sequence = new ReadOnlySequence<byte>(bytes);
            Assert.Equal(LinkReadStatus.Invalid, LinkCodec.TryRead(ref sequence, out _));
        }
    }

    [Fact]
    public void Before_the_proof_a_longer_message_is_invalid_from_its_length_field_alone()
    {
        byte[] header = [0, 0, 0x10, 0x01, 3]; // a 4097-byte frame: only the header has arrived
        var sequence = new ReadOnlySequence<byte>(header);
        Assert.Equal(LinkReadStatus.Invalid, LinkCodec.TryRead(ref sequence, out _, LinkCodec.MaxHandshakeMessageLength));
        sequence = new ReadOnlySequence<byte>(header);
        Assert.Equal(LinkReadStatus.NeedMore, LinkCodec.TryRead(ref sequence, out _));

        var output = new ArrayBufferWriter<byte>();
        LinkCodec.WriteHello(output, new LinkHello(new string('n', 1024), Guid.Empty, new string('r', 1024), 1), new byte[LinkProof.Length]);
        Assert.True(output.WrittenCount <= LinkCodec.MaxHandshakeMessageLength, "the largest Hello fits the handshake limit");
        sequence = new ReadOnlySequence<byte>(output.WrittenMemory);
        Assert.Equal(LinkReadStatus.Message, LinkCodec.TryRead(ref sequence, out _, LinkCodec.MaxHandshakeMessageLength));
    }
}
