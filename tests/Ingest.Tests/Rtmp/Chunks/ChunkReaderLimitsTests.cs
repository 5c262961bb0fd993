using Streaming.Ingest.Limits;
using Streaming.Ingest.Rtmp.Chunks;

namespace Streaming.Ingest.Tests.Rtmp.Chunks;

/// <summary>Pre-publish limits, the per-connection cap on partial bytes and the shared budget of <see cref="ChunkReader"/>.</summary>
public class ChunkReaderLimitsTests
{
    private const int KiB = 1024;

    /// <summary>Set Chunk Size to 2^31-1: every message arrives as one chunk.</summary>
    private static readonly byte[] HugeChunkSize = Hex.Bytes("02 000000 000004 01 00000000 7fffffff");

    private static byte[] SetChunkSize(int size) =>
        [0x02, 0, 0, 0, 0, 0, 4, RtmpMessageType.SetChunkSize, 0, 0, 0, 0, (byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size];

    private static byte[] Header(int csid, int length, byte type = RtmpMessageType.CommandAmf0) =>
        [(byte)csid, 0, 0, 0, (byte)(length >> 16), (byte)(length >> 8), (byte)length, type, 0, 0, 0, 0];

    private static byte[] Payload(int length) => Enumerable.Repeat((byte)0xAB, length).ToArray();

    private static byte[] Abort(int csid) => Hex.Bytes($"02 000000 000004 02 00000000 {csid:x8}");

    [Fact]
    public void Before_publish_a_message_over_64_KiB_is_refused_before_anything_is_buffered()
    {
        var budget = new MemoryBudget(1024 * KiB);
        using var reader = new ChunkReader(ChunkLimits.PrePublish, budget);
        var feeder = new ChunkFeeder(reader);

        feeder.Feed([.. HugeChunkSize, .. Header(3, 64 * KiB + 1)]);

        Assert.Equal(ChunkReadStatus.MessageTooLarge, feeder.Error);
        Assert.Equal(0, budget.Used);
    }

    [Fact]
    public void Before_publish_a_64_KiB_message_passes()
    {
        var budget = new MemoryBudget(1024 * KiB);
        using var reader = new ChunkReader(ChunkLimits.PrePublish, budget);
        var feeder = new ChunkFeeder(reader);

        feeder.Feed([.. HugeChunkSize, .. Header(3, 64 * KiB), .. Payload(64 * KiB)]);

        Assert.Null(feeder.Error);
        Assert.Equal(2, feeder.Messages.Count);
        Assert.Equal(0, budget.Used);
    }

    [Fact]
    public void Before_publish_a_ninth_chunk_stream_is_refused()
    {
        using var reader = new ChunkReader(ChunkLimits.PrePublish, new MemoryBudget(1024 * KiB));
        var feeder = new ChunkFeeder(reader);
        // Chunk stream 2 carried Set Chunk Size; 3..9 make eight, the ninth (10) is one too many.
        var eight = Enumerable.Range(3, 7).SelectMany(csid => (byte[])[.. Header(csid, 1), 0x05]).ToArray();

        feeder.Feed([.. HugeChunkSize, .. eight]);
        Assert.Null(feeder.Error);
        Assert.Equal(8, reader.ChunkStreamCount);

        feeder.Feed([.. Header(10, 1), 0x05]);
        Assert.Equal(ChunkReadStatus.TooManyChunkStreams, feeder.Error);
    }

    [Fact]
    public void After_publish_the_configured_limits_apply()
    {
        using var reader = new ChunkReader(ChunkLimits.PrePublish, new MemoryBudget(64 * 1024 * KiB));
        var feeder = new ChunkFeeder(reader);
        feeder.Feed(HugeChunkSize);

        reader.SetLimits(ChunkLimits.For(8 * 1024 * KiB, 64));
        feeder.Feed([.. Header(6, 1024 * KiB, RtmpMessageType.Video), .. Payload(1024 * KiB)]);

        Assert.Null(feeder.Error);
        Assert.Equal(1024 * KiB * 2, feeder.Messages[^1].Payload.Length);
    }

    [Fact]
    public void A_partial_buffer_grows_with_the_bytes_received_not_the_declared_length()
    {
        var budget = new MemoryBudget(64 * 1024 * KiB);
        using var reader = new ChunkReader(ChunkLimits.For(8 * 1024 * KiB, 64), budget);
        var feeder = new ChunkFeeder(reader);

        feeder.Feed([.. HugeChunkSize, .. Header(6, 8 * 1024 * KiB, RtmpMessageType.Video), .. Payload(100)]);
        Assert.Null(feeder.Error);
        Assert.InRange(reader.BufferedBytes, 100, 4 * KiB);
        Assert.Equal(reader.BufferedBytes, budget.Used);

        feeder.Feed(Payload(100 * KiB));
        Assert.InRange(reader.BufferedBytes, 100 * KiB, 256 * KiB);
        Assert.Equal(reader.BufferedBytes, budget.Used);
    }

    [Fact]
    public void Partial_bytes_of_one_connection_are_capped()
    {
        var budget = new MemoryBudget(1024 * KiB);
        using var reader = new ChunkReader(new ChunkLimits(64 * KiB, 8, 128 * KiB), budget);
        var feeder = new ChunkFeeder(reader);

        // Chunks of 40000 bytes: each stream's first chunk ends, leaving its message partial.
        feeder.Feed([.. SetChunkSize(40_000), .. Header(3, 64 * KiB), .. Payload(40_000), .. Header(4, 64 * KiB), .. Payload(40_000)]);
        Assert.Null(feeder.Error);
        Assert.Equal(128 * KiB, reader.BufferedBytes);

        feeder.Feed([.. Header(5, 64 * KiB), .. Payload(10)]);
        Assert.Equal(ChunkReadStatus.BufferLimitExceeded, feeder.Error);
        Assert.Equal(128 * KiB, budget.Used);
    }

    [Fact]
    public void The_process_budget_is_shared_by_readers_and_refuses_when_exhausted()
    {
        var budget = new MemoryBudget(100 * KiB);
        var first = new ChunkReader(ChunkLimits.PrePublish, budget);
        var second = new ChunkReader(ChunkLimits.PrePublish, budget);
        var one = new ChunkFeeder(first);
        var two = new ChunkFeeder(second);

        one.Feed([.. HugeChunkSize, .. Header(3, 64 * KiB), .. Payload(60_000)]);
        two.Feed([.. HugeChunkSize, .. Header(3, 64 * KiB), .. Payload(60_000)]);

        Assert.Null(one.Error);
        Assert.Equal(ChunkReadStatus.MemoryBudgetExhausted, two.Error);
        Assert.Equal(1, budget.Refusals);
        Assert.Equal(first.BufferedBytes + second.BufferedBytes, budget.Used);

        first.Dispose();
        second.Dispose();
        Assert.Equal(0, budget.Used);
    }

    [Fact]
    public void The_budget_is_given_back_when_a_message_completes_while_its_payload_lives_on()
    {
        var budget = new MemoryBudget(1024 * KiB);
        using var reader = new ChunkReader(ChunkLimits.PrePublish, budget);
        var bytes = new List<byte>(HugeChunkSize);
        bytes.AddRange(Header(3, 50_000));
        bytes.AddRange(Payload(50_000));
        var sequence = new System.Buffers.ReadOnlySequence<byte>(bytes.ToArray());
        var input = new System.Buffers.SequenceReader<byte>(sequence);

        Assert.Equal(ChunkReadStatus.Message, reader.TryRead(ref input, out var setChunkSize));
        setChunkSize.Payload.Release();
        Assert.Equal(ChunkReadStatus.Message, reader.TryRead(ref input, out var message));

        Assert.Equal(50_000, message.Length);
        Assert.Equal(0, budget.Used);
        Assert.Equal(0, reader.BufferedBytes);
        message.Payload.Release();
    }

    [Fact]
    public void The_budget_is_given_back_when_a_partial_message_is_aborted()
    {
        var budget = new MemoryBudget(1024 * KiB);
        using var reader = new ChunkReader(ChunkLimits.PrePublish, budget);
        var feeder = new ChunkFeeder(reader);
        feeder.Feed([.. SetChunkSize(30_000), .. Header(4, 64 * KiB), .. Payload(30_000)]);
        Assert.True(budget.Used >= 30_000);

        // The Abort arrives on chunk stream 2 while stream 4 is incomplete; the next type 0 header on 4 is legal again.
        feeder.Feed([.. Abort(4), .. Header(4, 3), 1, 2, 3]);

        Assert.Null(feeder.Error);
        Assert.Equal("010203", feeder.Messages[^1].Payload);
        Assert.Equal(0, budget.Used);
        Assert.Equal(0, reader.BufferedBytes);
    }

    [Fact]
    public void The_budget_is_given_back_when_the_connection_closes()
    {
        var budget = new MemoryBudget(1024 * KiB);
        var reader = new ChunkReader(ChunkLimits.PrePublish, budget);
        var feeder = new ChunkFeeder(reader);
        feeder.Feed([.. SetChunkSize(20_000), .. Header(3, 64 * KiB), .. Payload(20_000), .. Header(4, 64 * KiB), .. Payload(20_000)]);
        Assert.True(budget.Used >= 40_000);

        reader.Dispose();
        reader.Dispose();

        Assert.Equal(0, budget.Used);
    }
}
