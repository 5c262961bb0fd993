using System.Buffers;
using Streaming.Ingest.Rtmp.Chunks;

namespace Streaming.Ingest.Tests.Rtmp.Chunks;

/// <summary>Feeds bytes to a <see cref="ChunkReader"/> like a pipe would: in pieces, keeping unconsumed bytes.</summary>
internal sealed class ChunkFeeder
{
    private readonly ChunkReader _reader;
    private byte[] _pending = [];

    public ChunkFeeder(ChunkReader reader) => _reader = reader;

    public List<(uint Csid, byte Type, uint Timestamp, uint StreamId, string Payload)> Messages { get; } = new();
    public ChunkReadStatus? Error { get; private set; }

    public void Feed(byte[] data, int pieceSize = int.MaxValue)
    {
        for (var offset = 0; offset < data.Length && Error is null; offset += pieceSize)
        {
            var piece = data.AsSpan(offset, Math.Min(pieceSize, data.Length - offset));
            _pending = [.. _pending, .. piece];
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_pending));
            while (true)
            {
                var status = _reader.TryRead(ref reader, out var message);
                if (status == ChunkReadStatus.NeedMoreData) break;
                if (status != ChunkReadStatus.Message)
                {
                    Error = status;
                    break;
                }
                Messages.Add((message.ChunkStreamId, message.TypeId, message.Timestamp, message.StreamId, Hex.Of(message.Span)));
                message.Payload.Release();
            }
            _pending = _pending[(int)reader.Consumed..];
        }
    }

    public int PendingBytes => _pending.Length;
}
