using System.Buffers;
using Streaming.Edge.Relay;
using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Flv;
using Streaming.Ingest.Rtmp.Handshake;
using Streaming.Shared.Hls;
using Streaming.Shared.Security;
using Streaming.Transcode.Hls;

namespace Streaming.Tools.Fuzz;

/// <summary>One input through each pure parser; any exception escaping is a finding.</summary>
public static class ParserTargets
{
    public static readonly string[] Names = ["chunk", "amf0", "flv-video", "flv-audio", "handshake", "playlist-request", "hls-name", "edge-request", "token"];

    private static readonly byte[] ChunkSeed = Convert.FromHexString(
        "030000000000191401000000" + "02000763" + "6F6E6E656374003FF0000000000000" + "0300036170700200046C697665000009");
    private static readonly byte[] AmfSeed = Convert.FromHexString(
        "0200077075626C697368004008000000000000050200047465737402000466697665" + "0300046B6579020001780000090A00000002003FF00000000000000101");
    private static readonly byte[] VideoSeed = Convert.FromHexString("1700000000014D401FFFE1000A674D401F96540280B64001000468EE3C80");
    private static readonly byte[] AudioSeed = Convert.FromHexString("AF001190");

    public static void Run(string target, Mutator mutator, Random random)
    {
        switch (target)
        {
            case "chunk":
            {
                using var reader = new ChunkReader(64 * 1024, 8);
                var data = mutator.Mutate(ChunkSeed);
                var sequence = new SequenceReader<byte>(new ReadOnlySequence<byte>(data));
                for (var guard = 0; guard < 64; guard++)
                {
                    var status = reader.TryRead(ref sequence, out var message);
                    if (status != ChunkReadStatus.Message) break;
                    message.Payload.Release();
                }
                break;
            }
            case "amf0":
                AmfReader.ReadAll(mutator.Mutate(AmfSeed), new List<AmfValue>());
                break;
            case "flv-video":
                FlvVideoParser.Parse(mutator.Mutate(VideoSeed));
                break;
            case "flv-audio":
                FlvAudioParser.Parse(mutator.Mutate(AudioSeed));
                break;
            case "handshake":
            {
                var hello = new byte[RtmpHandshake.ClientHelloSize];
                random.NextBytes(hello);
                hello[0] = (byte)(random.Next(4) == 0 ? random.Next(256) : 3);
                RtmpHandshake.CreateResponse(hello, 1, static s => s.Clear(), new byte[RtmpHandshake.ServerResponseSize]);
                break;
            }
            case "playlist-request":
                PlaylistRequest.TryParse(Maybe(mutator, random, "12"), Maybe(mutator, random, "3"), Maybe(mutator, random, "YES"), out _);
                break;
            case "hls-name":
                HlsNames.TryParse(mutator.MutateText(random.Next(3) switch { 0 => "0a1b2c3d4e5f-part12.3.m4s", 1 => "0a1b2c3d4e5f-seg7.m4s", _ => "0a1b2c3d4e5f-init.mp4" }), out _);
                break;
            case "edge-request":
                EdgeRequest.TryParse(mutator.MutateText("/live/cam/720p/0a1b2c3d4e5f-part3.1.m4s"), Maybe(mutator, random, "3"), Maybe(mutator, random, "1"),
                    Maybe(mutator, random, "v2"), out _);
                break;
            default:
                PlaybackToken.Verify("secret", "cam", mutator.MutateText("1700000000." + new string('a', 64)), DateTimeOffset.UnixEpoch);
                SignedPublishKey.Verify("secret", mutator.MutateText("cam?exp=1700000000&sig=" + new string('b', 64)), DateTimeOffset.UnixEpoch, out _);
                break;
        }
    }

    private static string? Maybe(Mutator mutator, Random random, string seed) => random.Next(4) == 0 ? null : mutator.MutateText(seed);
}
