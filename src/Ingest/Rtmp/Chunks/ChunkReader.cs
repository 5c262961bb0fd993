using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using Streaming.Ingest.Limits;
using Streaming.Shared.Media;

namespace Streaming.Ingest.Rtmp.Chunks;

/// <summary>
/// Incremental RTMP chunk stream parser (RTMP spec 5.3). Feed it whatever bytes arrived; it consumes
/// complete chunk headers and as much chunk payload as is available, and returns a message when one is
/// complete. Headers are parsed only when all their bytes are present; payload is copied as it comes,
/// so a large chunk never needs to sit whole in the input buffer. Set Chunk Size and Abort are applied
/// here and also returned to the caller. Bounded by <see cref="ChunkLimits"/> (message size checked
/// against the header, chunk streams counted, buffered partial bytes capped) and by a shared
/// <see cref="MemoryBudget"/>: a partial message buffer grows (pooled) only as its bytes arrive, and each
/// growth is checked against both before it is allocated. The budget is given back when a message
/// completes, is aborted, or the reader is disposed. Pure: no I/O, no clock.
/// </summary>
public sealed class ChunkReader : IDisposable
{
    public const int DefaultChunkSize = 128;
    public const int MaxChunkSize = 0x7FFFFFFF;
    public const int DefaultMaxMessageSize = 8 * 1024 * 1024;
    public const int DefaultMaxChunkStreams = 64;
    /// <summary>Smallest buffer a partial message starts with (less when the message is shorter).</summary>
    private const int MinimumGrowth = 4096;

    private readonly Dictionary<uint, ChunkStreamState> _streams = new();
    private readonly MemoryBudget _budget;
    private ChunkLimits _limits;
    private ChunkStreamState? _current;
    private int _chunkRemaining;
    private long _buffered;

    /// <summary>A reader with its own budget of <see cref="ChunkLimits.MaxBufferedBytes"/> (tests, tools).</summary>
    public ChunkReader(int maxMessageSize = DefaultMaxMessageSize, int maxChunkStreams = DefaultMaxChunkStreams)
        : this(ChunkLimits.For(maxMessageSize, maxChunkStreams), new MemoryBudget(2L * maxMessageSize))
    {
    }

    /// <param name="limits">This connection's limits; <see cref="SetLimits"/> changes them (after publish).</param>
    /// <param name="budget">The process-wide budget for partial message bytes.</param>
    public ChunkReader(ChunkLimits limits, MemoryBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        SetLimits(limits);
        _budget = budget;
    }

    public ChunkLimits Limits => _limits;
    /// <summary>Buffer capacity currently held for partially assembled messages (what is taken from the budget).</summary>
    public long BufferedBytes => _buffered;

    /// <summary>Replaces the limits (the connection raises them once publish succeeded); applies to new headers and growth.</summary>
    public void SetLimits(ChunkLimits limits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxMessageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxChunkStreams, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxBufferedBytes, 1);
        _limits = limits;
    }

    /// <summary>Incoming chunk size, changed by the peer's Set Chunk Size.</summary>
    public int ChunkSize { get; private set; } = DefaultChunkSize;
    public int ChunkStreamCount => _streams.Count;

    /// <summary>
    /// Consumes bytes from <paramref name="reader"/> until a message completes (<see cref="ChunkReadStatus.Message"/>,
    /// the caller owns <paramref name="message"/>'s payload), more data is needed, or the stream is invalid.
    /// After an error status the connection must be closed.
    /// </summary>
    public ChunkReadStatus TryRead(ref SequenceReader<byte> reader, out RtmpMessage message)
    {
        message = default;
        while (true)
        {
            if (_current is null)
            {
                var header = ReadHeader(ref reader);
                if (header != ChunkReadStatus.Message) return header;
            }
            var state = _current!;
            var partial = state.Partial!;
            var take = (int)Math.Min(_chunkRemaining, reader.Remaining);
            if (take > 0)
            {
                var reserved = Reserve(state, partial.Length + take);
                if (reserved != ChunkReadStatus.Message) return reserved;
                reader.TryCopyTo(partial.WritableSpan.Slice(partial.Length, take));
                reader.Advance(take);
                partial.SetLength(partial.Length + take);
                _chunkRemaining -= take;
            }
            if (_chunkRemaining > 0) return ChunkReadStatus.NeedMoreData;

            _current = null;
            if (partial.Length < state.MessageLength) continue;

            HandOver(state);
            message = new RtmpMessage(state.Id, state.TypeId, state.Timestamp, state.StreamId, partial);
            var control = ApplyControl(message);
            if (control != ChunkReadStatus.Message)
            {
                partial.Release();
                message = default;
            }
            return control;
        }
    }

    /// <summary>Parses one chunk header atomically; on success sets <see cref="_current"/> and returns Message.</summary>
    private ChunkReadStatus ReadHeader(ref SequenceReader<byte> reader)
    {
        var consumedBefore = reader.Consumed;
        var status = ParseHeader(ref reader);
        if (status == ChunkReadStatus.NeedMoreData) reader.Rewind(reader.Consumed - consumedBefore);
        return status;
    }

    private ChunkReadStatus ParseHeader(ref SequenceReader<byte> reader)
    {
        if (!reader.TryRead(out var first)) return ChunkReadStatus.NeedMoreData;
        var fmt = first >> 6;
        uint csid = (uint)(first & 0x3F);
        if (csid == 0)
        {
            if (!reader.TryRead(out var b)) return ChunkReadStatus.NeedMoreData;
            csid = 64u + b;
        }
        else if (csid == 1)
        {
            if (!reader.TryRead(out var lo) || !reader.TryRead(out var hi)) return ChunkReadStatus.NeedMoreData;
            csid = 64u + lo + 256u * hi;
        }

        Span<byte> fields = stackalloc byte[11];
        var fieldLength = fmt switch { 0 => 11, 1 => 7, 2 => 3, _ => 0 };
        if (!reader.TryCopyTo(fields[..fieldLength])) return ChunkReadStatus.NeedMoreData;
        reader.Advance(fieldLength);

        _streams.TryGetValue(csid, out var state);
        var continuing = state?.Partial is not null;
        if (fmt != 0 && (state is null || !state.HasHeader)) return ChunkReadStatus.MissingPreviousHeader;
        if (fmt != 3 && continuing) return ChunkReadStatus.UnexpectedHeader;

        uint timestampField = 0;
        if (fmt < 3)
        {
            timestampField = (uint)(fields[0] << 16 | fields[1] << 8 | fields[2]);
        }
        var extended = fmt < 3 ? timestampField == 0xFFFFFF : state!.Extended;
        if (extended)
        {
            if (!reader.TryReadBigEndian(out int ext)) return ChunkReadStatus.NeedMoreData;
            timestampField = (uint)ext;
        }

        if (state is null)
        {
            if (_streams.Count >= _limits.MaxChunkStreams) return ChunkReadStatus.TooManyChunkStreams;
            state = new ChunkStreamState(csid);
            _streams.Add(csid, state);
        }

        if (!continuing)
        {
            var length = fmt <= 1 ? fields[3] << 16 | fields[4] << 8 | fields[5] : state.MessageLength;
            if (length > _limits.MaxMessageSize) return ChunkReadStatus.MessageTooLarge;
            switch (fmt)
            {
                case 0:
                    state.Timestamp = timestampField;
                    state.TimestampField = timestampField;
                    state.MessageLength = length;
                    state.TypeId = fields[6];
                    state.StreamId = BinaryPrimitives.ReadUInt32LittleEndian(fields[7..]);
                    break;
                case 1:
                    state.TimestampField = timestampField;
                    state.Timestamp += timestampField;
                    state.MessageLength = length;
                    state.TypeId = fields[6];
                    break;
                case 2:
                    state.TimestampField = timestampField;
                    state.Timestamp += timestampField;
                    break;
                default:
                    if (extended) state.TimestampField = timestampField;
                    state.Timestamp += state.TimestampField;
                    break;
            }
            if (fmt < 3) state.Extended = extended;
            state.HasHeader = true;
            state.Partial = SharedBuffer.Rent(0); // grows as payload arrives (Reserve)
        }

        _current = state;
        _chunkRemaining = Math.Min(ChunkSize, state.MessageLength - state.Partial!.Length);
        return ChunkReadStatus.Message;
    }

    private ChunkReadStatus ApplyControl(in RtmpMessage message)
    {
        if (message.StreamId != 0 || message.TypeId is not (RtmpMessageType.SetChunkSize or RtmpMessageType.Abort))
            return ChunkReadStatus.Message;
        if (message.Length < 4) return ChunkReadStatus.InvalidControlMessage;
        var value = BinaryPrimitives.ReadUInt32BigEndian(message.Span);
        if (message.TypeId == RtmpMessageType.SetChunkSize)
        {
            if (value == 0 || value > MaxChunkSize) return ChunkReadStatus.InvalidChunkSize;
            ChunkSize = (int)value;
        }
        else if (_streams.TryGetValue(value, out var aborted))
        {
            Drop(aborted);
        }
        return ChunkReadStatus.Message;
    }

    /// <summary>Releases every partially assembled message.</summary>
    public void Dispose()
    {
        foreach (var state in _streams.Values) Drop(state);
        _current = null;
    }

    /// <summary>
    /// Makes room for <paramref name="needed"/> bytes in the stream's partial message: grows geometrically (at
    /// most to the message length), checking the per-connection cap and the shared budget before renting.
    /// </summary>
    private ChunkReadStatus Reserve(ChunkStreamState state, int needed)
    {
        var partial = state.Partial!;
        var capacity = partial.Capacity;
        if (needed <= capacity) return ChunkReadStatus.Message;
        var target = Math.Min(state.MessageLength, Math.Max(needed, Math.Max(MinimumGrowth, capacity * 2)));
        // ArrayPool.Shared hands out powers of two, and SharedBuffer grows to at least twice its capacity.
        var expected = (long)BitOperations.RoundUpToPowerOf2((uint)Math.Max(target, capacity * 2));
        var extra = expected - capacity;
        if (_buffered + extra > _limits.MaxBufferedBytes) return ChunkReadStatus.BufferLimitExceeded;
        if (!_budget.TryAcquire(extra)) return ChunkReadStatus.MemoryBudgetExhausted;
        partial.EnsureCapacity(target);
        var actual = (long)partial.Capacity - capacity;
        if (actual > extra) _budget.Acquire(actual - extra);
        else if (actual < extra) _budget.Release(extra - actual);
        _buffered += actual;
        state.Accounted += actual;
        return ChunkReadStatus.Message;
    }

    /// <summary>The completed message leaves the reader: its bytes no longer count as partial.</summary>
    private void HandOver(ChunkStreamState state)
    {
        GiveBack(state);
        state.Partial = null;
    }

    private void Drop(ChunkStreamState state)
    {
        GiveBack(state);
        state.DropPartial();
    }

    private void GiveBack(ChunkStreamState state)
    {
        if (state.Accounted == 0) return;
        _budget.Release(state.Accounted);
        _buffered -= state.Accounted;
        state.Accounted = 0;
    }
}
