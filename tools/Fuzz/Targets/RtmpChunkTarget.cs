using System.Buffers;
using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Flv;

namespace Streaming.Tools.Fuzz.Targets;

/// <summary>
/// The bytes a client sends after the handshake, fed to a <see cref="ChunkReader"/> in pieces (the first input
/// byte picks the piece size, as reads of a socket would split them), then each message decoded as the session
/// would: AMF0 for commands and data (onMetaData feeds the FLV mapper), FLV for audio/video. Invariants:
/// documented statuses only; after an error status nothing more is read; no message larger than the bytes fed;
/// the chunk stream count within the default cap; every input byte consumed at most once and the loop ends.
/// </summary>
public static class RtmpChunkTarget
{
    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) return;
        var pieceSize = 1 + input[0] % 97 * 41;
        var data = input[1..].ToArray();
        using var reader = new ChunkReader();
        var media = new MediaMessageCheck();
        var values = new List<AmfValue>();
        var pending = Array.Empty<byte>();
        var messages = 0;
        for (var fed = 0; fed < data.Length;)
        {
            var piece = Math.Min(pieceSize, data.Length - fed);
            pending = [.. pending, .. data.AsSpan(fed, piece)];
            fed += piece;
            var sequence = new SequenceReader<byte>(new ReadOnlySequence<byte>(pending));
            while (true)
            {
                var status = reader.TryRead(ref sequence, out var message);
                Invariant.Defined(status);
                if (status == ChunkReadStatus.NeedMoreData) break;
                if (status != ChunkReadStatus.Message) return; // the connection is closed with a reason
                Invariant.Check(++messages <= fed, "more messages than bytes");
                Invariant.Check(message.Length <= fed, "message longer than the bytes fed");
                Invariant.Check(reader.ChunkStreamCount <= ChunkReader.DefaultMaxChunkStreams, "chunk streams over the cap");
                Decode(message, media, values);
            }
            Invariant.Check(sequence.Consumed <= pending.Length, "consumed past the input");
            pending = pending[(int)sequence.Consumed..];
        }
    }

    private static void Decode(in RtmpMessage message, MediaMessageCheck media, List<AmfValue> values)
    {
        if (message.TypeId is RtmpMessageType.Audio or RtmpMessageType.Video)
        {
            media.Map(message);
            return;
        }
        try
        {
            if (message.TypeId is not (RtmpMessageType.CommandAmf0 or RtmpMessageType.DataAmf0)) return;
            values.Clear();
            var status = AmfReader.ReadAll(message.Span, values);
            Invariant.Defined(status);
            if (status != AmfReadStatus.Ok || message.TypeId != RtmpMessageType.DataAmf0) return;
            var metadata = values.FirstOrDefault(v => v.Type is AmfType.Object or AmfType.EcmaArray);
            if (metadata is not null) media.Metadata = FlvMetadata.FromAmf(metadata);
        }
        finally
        {
            message.Payload.Release();
        }
    }
}
