using System.Buffers;
using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Flv;
using Streaming.Ingest.Rtmp.Handshake;
using Streaming.Ingest.Tests.Rtmp.Chunks;
using Streaming.Ingest.Tests.Rtmp.Flv;
using Streaming.Shared.Media;

namespace Streaming.Ingest.Tests.Rtmp;

/// <summary>Seeded mutation fuzzing of the pure parsers: they must answer with results, never throw.</summary>
public class ParserFuzzTests
{
    private static byte[] Mutate(Random random, byte[] seed)
    {
        var data = (byte[])seed.Clone();
        var edits = random.Next(1, 8);
        for (var i = 0; i < edits; i++)
        {
            switch (random.Next(4))
            {
                case 0: data[random.Next(data.Length)] = (byte)random.Next(256); break;
                case 1: data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8)); break;
                case 2: data = data[..random.Next(data.Length + 1)]; break;
                default:
                    var insert = new byte[random.Next(1, 16)];
                    random.NextBytes(insert);
                    var at = random.Next(data.Length + 1);
                    data = [.. data[..at], .. insert, .. data[at..]];
                    break;
            }
            if (data.Length == 0) data = [0];
        }
        return data;
    }

    [Fact]
    public void Mutated_handshakes_get_an_outcome()
    {
        var random = new Random(1935);
        var response = new byte[RtmpHandshake.ServerResponseSize];
        var seen = new HashSet<HandshakeOutcome>();
        for (var i = 0; i < 3000; i++)
        {
            var c0c1 = new byte[RtmpHandshake.ClientHelloSize];
            random.NextBytes(c0c1);
            if (random.Next(4) > 0) c0c1[0] = 3;
            seen.Add(RtmpHandshake.CreateResponse(c0c1, (uint)i, span => random.NextBytes(span), response));
        }
        Assert.Contains(HandshakeOutcome.Plain, seen);
        Assert.Contains(HandshakeOutcome.UnsupportedVersion, seen);
    }

    [Fact]
    public void Mutated_chunk_streams_never_throw()
    {
        var random = new Random(42);
        var writer = new ChunkWriter();
        var output = new ArrayBufferWriter<byte>();
        writer.WriteSetChunkSize(output, 60);
        for (var i = 0; i < 6; i++)
        {
            var payload = new byte[random.Next(0, 300)];
            random.NextBytes(payload);
            writer.WriteMessage(output, (uint)(3 + i % 3), RtmpMessageType.Video, (uint)(i * 33), 1, payload);
        }
        var seed = output.WrittenSpan.ToArray();
        var outcomes = new HashSet<ChunkReadStatus?>();
        for (var i = 0; i < 4000; i++)
        {
            using var reader = new ChunkReader(maxMessageSize: 4096, maxChunkStreams: 8);
            var feeder = new ChunkFeeder(reader);
            feeder.Feed(Mutate(random, seed), pieceSize: random.Next(1, 200));
            outcomes.Add(feeder.Error);
        }
        Assert.Contains(null, outcomes);
        Assert.True(outcomes.Count > 2, "mutations should hit several error results");
    }

    [Fact]
    public void Mutated_amf_payloads_never_throw()
    {
        var random = new Random(7);
        var output = new ArrayBufferWriter<byte>();
        AmfWriter.WriteString(output, "connect");
        AmfWriter.WriteNumber(output, 1);
        AmfWriter.WriteObject(output, [
            AmfValue.Property("app", "live"),
            AmfValue.Property("nested", AmfValue.EcmaArray([AmfValue.Property("a", AmfValue.StrictArray([AmfValue.FromNumber(1), AmfValue.Null]))])),
            AmfValue.Property("when", AmfValue.FromDate(1e12)),
            AmfValue.Property("long", AmfValue.FromLongString("xyz")),
        ]);
        var seed = output.WrittenSpan.ToArray();
        var values = new List<AmfValue>();
        var statuses = new HashSet<AmfReadStatus>();
        for (var i = 0; i < 5000; i++)
        {
            values.Clear();
            statuses.Add(AmfReader.ReadAll(Mutate(random, seed), values, new AmfLimits { MaxDepth = 4, MaxItems = 64, MaxStringBytes = 4096 }));
        }
        Assert.Contains(AmfReadStatus.Ok, statuses);
        Assert.Contains(AmfReadStatus.Truncated, statuses);
    }

    [Fact]
    public void Mutated_flv_tags_never_throw()
    {
        var random = new Random(99);
        byte[][] seeds =
        [
            FlvSamples.VideoSequenceHeader, FlvSamples.AudioSequenceHeader,
            Hex.Bytes("27 01 000021 00000003 419a00"), Hex.Bytes("af 01 2149"), Hex.Bytes("91 61766331 000021 00000001aa"),
        ];
        for (var i = 0; i < 5000; i++)
        {
            var mapper = new FlvFrameMapper();
            foreach (var seed in seeds)
            {
                var body = random.Next(3) == 0 ? seed : Mutate(random, seed);
                var type = random.Next(2) == 0 ? RtmpMessageType.Video : RtmpMessageType.Audio;
                var message = new RtmpMessage(4, type, (uint)random.Next(), 1, SharedBuffer.CopyOf(body));
                if (mapper.Map(message, 0, out var frame) == FlvMapResult.Frame) frame.Release();
                else message.Payload.Release();
            }
        }
    }
}
