using System.Buffers;
using Streaming.Ingest.Rtmp.Chunks;

namespace Streaming.Ingest.Tests.Rtmp.Chunks;

public class ChunkWriterTests
{
    [Fact]
    public void Protocol_control_messages_have_the_spec_layout()
    {
        var writer = new ChunkWriter();
        var output = new ArrayBufferWriter<byte>();

        ProtocolControl.WriteWindowAckSize(writer, output, 2_500_000);
        ProtocolControl.WriteSetPeerBandwidth(writer, output, 2_500_000, ProtocolControl.LimitDynamic);
        writer.WriteSetChunkSize(output, 4096);
        ProtocolControl.WriteUserControl(writer, output, UserControlEvent.StreamBegin, 1);
        ProtocolControl.WriteAcknowledgement(writer, output, 0x01020304);
        ProtocolControl.WriteUserControl(writer, output, UserControlEvent.PingResponse, 0xAABBCCDD);

        Assert.Equal(
            "020000000000040500000000002625a0" +
            "020000000000050600000000002625a002" +
            "02000000000004010000000000001000" +
            "020000000000060400000000" + "000000000001" +
            "02000000000004030000000001020304" +
            "020000000000060400000000" + "0007aabbccdd",
            Hex.Of(output.WrittenSpan));
        Assert.Equal(4096, writer.ChunkSize);
    }

    [Fact]
    public void Long_message_is_split_into_type3_chunks_with_extended_timestamp_repeated()
    {
        var writer = new ChunkWriter();
        var output = new ArrayBufferWriter<byte>();
        var payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();

        writer.WriteMessage(output, 6, RtmpMessageType.Video, 0x01000000, 1, payload);

        var expected = "06ffffff00012c0901000000" + "01000000" + Hex.Of(payload.AsSpan(0, 128))
            + "c6" + "01000000" + Hex.Of(payload.AsSpan(128, 128))
            + "c6" + "01000000" + Hex.Of(payload.AsSpan(256, 44));
        Assert.Equal(expected, Hex.Of(output.WrittenSpan));
    }

    [Theory]
    [InlineData(3u, 0u, 0)]
    [InlineData(70u, 1234u, 200)]
    [InlineData(400u, 0xFFFFFFu, 1000)]
    [InlineData(65599u, 0xFFFFFFFFu, 5000)]
    public void Written_messages_read_back_identically(uint csid, uint timestamp, int length)
    {
        var writer = new ChunkWriter();
        var output = new ArrayBufferWriter<byte>();
        var payload = Enumerable.Range(0, length).Select(i => (byte)(i * 31)).ToArray();
        writer.WriteSetChunkSize(output, 100);
        writer.WriteMessage(output, csid, RtmpMessageType.Audio, timestamp, 7, payload);
        writer.WriteMessage(output, csid, RtmpMessageType.Audio, timestamp, 7, payload);

        var feeder = new ChunkFeeder(new ChunkReader());
        feeder.Feed(output.WrittenSpan.ToArray(), pieceSize: 13);

        Assert.Null(feeder.Error);
        Assert.Equal(3, feeder.Messages.Count);
        foreach (var message in feeder.Messages.Skip(1))
        {
            Assert.Equal((csid, RtmpMessageType.Audio, timestamp, 7u, Hex.Of(payload)), message);
        }
    }

    [Fact]
    public void Acknowledgement_is_due_each_time_the_window_fills()
    {
        var window = new AcknowledgementWindow { Window = 1000 };

        Assert.False(window.OnReceived(999, out _));
        Assert.True(window.OnReceived(1, out var first));
        Assert.False(window.OnReceived(500, out _));
        Assert.True(window.OnReceived(700, out var second));

        Assert.Equal(1000u, first);
        Assert.Equal(2200u, second);
    }
}
