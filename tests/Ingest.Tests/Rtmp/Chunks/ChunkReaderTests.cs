using Streaming.Ingest.Rtmp.Chunks;

namespace Streaming.Ingest.Tests.Rtmp.Chunks;

public class ChunkReaderTests
{
    private static string Repeat(string hexByte, int count) => string.Concat(Enumerable.Repeat(hexByte, count));

    private static ChunkFeeder FeedAll(string hex, int pieceSize = int.MaxValue, int maxMessageSize = ChunkReader.DefaultMaxMessageSize,
        int maxChunkStreams = ChunkReader.DefaultMaxChunkStreams)
    {
        var feeder = new ChunkFeeder(new ChunkReader(maxMessageSize, maxChunkStreams));
        feeder.Feed(Hex.Bytes(hex), pieceSize);
        return feeder;
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(7)]
    public void Type0_header_yields_a_message_with_all_fields(int pieceSize)
    {
        var feeder = FeedAll("03 0003e8 000005 14 01000000 0102030405", pieceSize);

        var message = Assert.Single(feeder.Messages);
        Assert.Equal((3u, (byte)20, 1000u, 1u, "0102030405"), message);
        Assert.Null(feeder.Error);
        Assert.Equal(0, feeder.PendingBytes);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(50)]
    public void Message_longer_than_chunk_size_is_assembled_from_type3_continuations(int pieceSize)
    {
        var feeder = FeedAll("03 000000 0000c8 09 01000000" + Repeat("aa", 128) + "c3" + Repeat("bb", 72), pieceSize);

        var message = Assert.Single(feeder.Messages);
        Assert.Equal(Repeat("aa", 128) + Repeat("bb", 72), message.Payload);
    }

    [Fact]
    public void Type1_type2_and_type3_headers_add_deltas_and_reuse_fields()
    {
        var feeder = FeedAll(
            "04 000064 000003 09 01000000 aabbcc" + // type 0: ts 100, len 3, video, stream 1
            "44 000021 000002 08 dddd" +            // type 1: +33, len 2, audio
            "84 000010 eeff" +                       // type 2: +16
            "c4 1122");                              // type 3: new message, +16 again

        Assert.Equal(
            [(4u, (byte)9, 100u, 1u, "aabbcc"), (4u, (byte)8, 133u, 1u, "dddd"), (4u, (byte)8, 149u, 1u, "eeff"), (4u, (byte)8, 165u, 1u, "1122")],
            feeder.Messages);
    }

    [Fact]
    public void Type3_new_message_after_type0_reuses_its_timestamp_field_as_delta()
    {
        var feeder = FeedAll("05 00000a 000001 08 01000000 00" + "c5 01");

        Assert.Equal([10u, 20u], feeder.Messages.Select(m => m.Timestamp));
    }

    [Fact]
    public void Extended_timestamp_is_read_on_type0_and_repeated_on_type3_continuation()
    {
        var feeder = FeedAll("06 ffffff 0000c8 09 01000000 01000000" + Repeat("11", 128) + "c6 01000000" + Repeat("22", 72));

        var message = Assert.Single(feeder.Messages);
        Assert.Equal(0x01000000u, message.Timestamp);
        Assert.Equal(Repeat("11", 128) + Repeat("22", 72), message.Payload);
    }

    [Fact]
    public void Extended_delta_on_type1_applies_to_following_type3_messages()
    {
        var feeder = FeedAll("07 000000 000001 08 01000000 00" + "47 ffffff 000001 08 01000000 01" + "c7 01000000 02");

        Assert.Equal([0u, 0x01000000u, 0x02000000u], feeder.Messages.Select(m => m.Timestamp));
    }

    [Fact]
    public void Set_chunk_size_applies_to_the_next_chunks()
    {
        var reader = new ChunkReader();
        var feeder = new ChunkFeeder(reader);
        feeder.Feed(Hex.Bytes("02 000000 000004 01 00000000 00001000" + "03 000000 0000c8 09 01000000" + Repeat("cc", 200)));

        Assert.Equal(4096, reader.ChunkSize);
        Assert.Equal(2, feeder.Messages.Count);
        Assert.Equal(Repeat("cc", 200), feeder.Messages[1].Payload);
    }

    [Theory]
    [InlineData("00000000")]
    [InlineData("80000000")]
    public void Set_chunk_size_zero_or_with_top_bit_is_an_error(string value)
    {
        var feeder = FeedAll("02 000000 000004 01 00000000 " + value);

        Assert.Equal(ChunkReadStatus.InvalidChunkSize, feeder.Error);
    }

    [Fact]
    public void Largest_valid_chunk_size_is_accepted()
    {
        var reader = new ChunkReader();
        new ChunkFeeder(reader).Feed(Hex.Bytes("02 000000 000004 01 00000000 7fffffff"));
        Assert.Equal(0x7FFFFFFF, reader.ChunkSize);
    }

    [Fact]
    public void Abort_discards_the_partial_message_of_that_chunk_stream()
    {
        var feeder = FeedAll(
            "04 000000 0000c8 09 01000000" + Repeat("ee", 128) + // first chunk of a 200-byte message
            "02 000000 000004 02 00000000 00000004" +           // abort chunk stream 4
            "04 000005 000002 09 01000000 abcd");                // a fresh message on 4

        Assert.Null(feeder.Error);
        Assert.Equal([(byte)2, (byte)9], feeder.Messages.Select(m => m.Type));
        Assert.Equal("abcd", feeder.Messages[1].Payload);
    }

    [Fact]
    public void Oversize_message_is_rejected_from_its_header_before_any_payload()
    {
        var feeder = FeedAll("03 000000 010000 09 01000000", maxMessageSize: 0xFFFF);

        Assert.Equal(ChunkReadStatus.MessageTooLarge, feeder.Error);
    }

    [Fact]
    public void Message_of_exactly_the_maximum_size_is_accepted()
    {
        var feeder = FeedAll("02 000000 000004 01 00000000 00010000" + "03 000000 000100 09 01000000" + Repeat("01", 256), maxMessageSize: 256);

        Assert.Null(feeder.Error);
        Assert.Equal(256, feeder.Messages[1].Payload.Length / 2);
    }

    [Fact]
    public void Type1_header_on_a_fresh_chunk_stream_is_an_error()
    {
        Assert.Equal(ChunkReadStatus.MissingPreviousHeader, FeedAll("43 000000 000001 08 00").Error);
    }

    [Fact]
    public void Type0_header_in_the_middle_of_a_message_is_an_error()
    {
        var feeder = FeedAll("03 000000 0000c8 09 01000000" + Repeat("aa", 128) + "03 000000 000001 09 01000000 00");
        Assert.Equal(ChunkReadStatus.UnexpectedHeader, feeder.Error);
    }

    [Fact]
    public void Chunk_streams_beyond_the_limit_are_an_error()
    {
        var feeder = FeedAll("03 000000 000001 08 01000000 00" + "04 000000 000001 08 01000000 00" + "05 000000 000001 08 01000000 00",
            maxChunkStreams: 2);

        Assert.Equal(2, feeder.Messages.Count);
        Assert.Equal(ChunkReadStatus.TooManyChunkStreams, feeder.Error);
    }

    [Fact]
    public void Two_and_three_byte_basic_headers_decode_large_chunk_stream_ids()
    {
        var feeder = FeedAll("00 0a 000000 000001 08 01000000 77" + "01 0a 01 000000 000001 08 01000000 88");

        Assert.Equal([74u, 330u], feeder.Messages.Select(m => m.Csid));
    }

    [Fact]
    public void Zero_length_message_completes_immediately()
    {
        var message = Assert.Single(FeedAll("03 000000 000000 12 00000000").Messages);
        Assert.Equal("", message.Payload);
    }

    [Fact]
    public void Dispose_releases_partial_messages()
    {
        var reader = new ChunkReader();
        var feeder = new ChunkFeeder(reader);
        feeder.Feed(Hex.Bytes("03 000000 0000c8 09 01000000" + Repeat("aa", 100)));
        Assert.Empty(feeder.Messages);
        reader.Dispose();
        reader.Dispose();
    }
}
