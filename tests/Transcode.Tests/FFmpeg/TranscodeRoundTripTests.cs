using Streaming.Shared.Media;
using Streaming.Transcode.FFmpeg;
using Streaming.Transcode.FFmpeg.Bitstream;

namespace Streaming.Transcode.Tests.FFmpeg;

[Collection(FfmpegCollection.Name)]
public sealed class TranscodeRoundTripTests
{
    private const int KeyframeInterval = 30;

    private static H264EncoderOptions Options640x360 => new()
    {
        Width = 640,
        Height = 360,
        FrameRateNumerator = 30,
        BitRate = 800_000,
        MaxRate = 1_000_000,
        BufferSize = 1_000_000,
        GopSize = 300, // longer than the clip: every IDR after the first must come from forcing
        MaxBFrames = 2,
        Preset = "veryfast",
        Profile = "high",
        ThreadCount = 1,
    };

    [Fact]
    public void Decode_scale_encode_keeps_pts_forces_keyframes_and_output_decodes_as_640x360()
    {
        FfmpegRuntime.SetLogLevel(FfmpegLogLevel.Error);
        var stream = H264TestStream.Instance;
        var decodedPts = new List<long>();
        var packets = new List<(byte[] Avcc, long Pts, long Dts, bool Key)>();
        byte[] config;

        Assert.True(H264Decoder.TryCreate(stream.AvcC, 1, out var decoder, out var result), result.ToString());
        Assert.True(H264Encoder.TryCreate(Options640x360, out var encoder, out result), result.ToString());
        using (decoder)
        using (encoder)
        using (var scaler = new FrameScaler(640, 360, ScaleAlgorithm.Bilinear))
        using (var frame = FrameHandle.Allocate())
        {
            void EncodeDecodedFrames()
            {
                while (decoder.ReceiveFrame(frame) is { Status: FfmpegStatus.Ok })
                {
                    Assert.Equal((1280, 720), (frame.Width, frame.Height));
                    var index = decodedPts.Count;
                    decodedPts.Add(frame.Pts);
                    Assert.Equal(FfmpegStatus.Ok, scaler.Scale(frame).Status);
                    Assert.Equal(frame.Pts, scaler.Output.Pts);
                    Assert.Equal(FfmpegStatus.Ok, encoder.Send(scaler.Output, frame.Pts, index % KeyframeInterval == 0).Status);
                    CollectPackets(encoder, packets);
                }
            }

            foreach (var unit in stream.Units)
            {
                Assert.Equal(FfmpegStatus.Ok, decoder.Decode(unit.Avcc, unit.Pts, unit.Dts).Status);
                EncodeDecodedFrames();
            }
            Assert.True(decoder.Drain().IsOk);
            EncodeDecodedFrames();
            Assert.True(encoder.Drain().IsOk);
            Assert.Equal(FfmpegStatus.EndOfStream, CollectPackets(encoder, packets).Status);

            config = encoder.CodecConfig;
            Assert.Equal([1, 100], config[..2]); // avcC version 1, High profile
            var track = encoder.CreateTrackInfo();
            Assert.Equal((640, 360, CodecId.H264), (track.Width, track.Height, track.Codec));
            Assert.StartsWith("avc1.64", track.CodecString);
        }

        var expectedPts = Enumerable.Range(0, H264TestStream.FrameCount).Select(i => i * H264TestStream.FrameDuration).ToList();
        Assert.Equal(expectedPts, decodedPts);

        Assert.Equal(H264TestStream.FrameCount, packets.Count);
        Assert.Equal(expectedPts, packets.Select(p => p.Pts).Order().ToList());
        Assert.True(packets.Zip(packets.Skip(1)).All(pair => pair.First.Dts < pair.Second.Dts), "dts must increase");
        Assert.All(packets, p => Assert.True(p.Dts <= p.Pts, $"dts {p.Dts} > pts {p.Pts}"));
        Assert.True(packets.Any(p => p.Pts != p.Dts), "B-frames expected (pts != dts)");
        var keyframePts = packets.Where(p => p.Key).Select(p => p.Pts).Order().ToList();
        Assert.Equal([0L, KeyframeInterval * H264TestStream.FrameDuration], keyframePts);
        Assert.All(packets, p => Assert.Equal(p.Key, Avcc.ContainsIdr(p.Avcc)));

        AssertDecodesAs640x360(config, packets.Select(p => (p.Avcc, p.Pts, p.Dts)).ToList(), expectedPts);
    }

    [Fact]
    public void Encoded_stream_written_as_Annex_B_probes_as_60_frames_of_640x360_h264()
    {
        FfmpegRuntime.SetLogLevel(FfmpegLogLevel.Error);
        var packets = new List<(byte[] Avcc, long Pts, long Dts, bool Key)>();
        Assert.True(H264Encoder.TryCreate(Options640x360, out var encoder, out var result), result.ToString());
        using (encoder)
        using (var scaler = new FrameScaler(640, 360))
        using (var frame = FrameHandle.Allocate())
        {
            Assert.True(H264Decoder.TryCreate(H264TestStream.Instance.AvcC, 1, out var decoder, out result), result.ToString());
            using (decoder)
            {
                var index = 0;
                foreach (var unit in H264TestStream.Instance.Units.Append(null))
                {
                    var sent = unit is null ? decoder.Drain() : decoder.Decode(unit.Avcc, unit.Pts, unit.Dts);
                    Assert.True(sent.IsOk, sent.ToString());
                    while (decoder.ReceiveFrame(frame).IsOk)
                    {
                        Assert.True(scaler.Scale(frame).IsOk);
                        Assert.True(encoder.Send(scaler.Output, frame.Pts, index++ % KeyframeInterval == 0).IsOk);
                        CollectPackets(encoder, packets);
                    }
                }
            }
            Assert.True(encoder.Drain().IsOk);
            CollectPackets(encoder, packets);

            var directory = Directory.CreateTempSubdirectory("h264-encoder-");
            try
            {
                var file = Path.Combine(directory.FullName, "encoded.h264");
                File.WriteAllBytes(file, AvccToAnnexB.Write(encoder.CodecConfig, packets.Select(p => p.Avcc)));
                var probe = FfmpegTool.RunChecked("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                    "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "default=noprint_wrappers=1", file);
                Assert.Contains("codec_name=h264", probe);
                Assert.Contains("width=640", probe);
                Assert.Contains("height=360", probe);
                Assert.Contains($"nb_read_frames={H264TestStream.FrameCount}", probe);
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }
    }

    private static FfmpegResult CollectPackets(H264Encoder encoder, List<(byte[] Avcc, long Pts, long Dts, bool Key)> packets)
    {
        FfmpegResult result;
        while ((result = encoder.ReceivePacket(out var packet)).IsOk)
        {
            packets.Add((packet.Payload.ToArray(), packet.Pts, packet.Dts, packet.IsKeyframe));
            packet.Buffer.Release();
        }
        return result;
    }

    private static void AssertDecodesAs640x360(byte[] config, List<(byte[] Avcc, long Pts, long Dts)> packets,
        List<long> expectedPts)
    {
        Assert.True(H264Decoder.TryCreate(config, 1, out var decoder, out var result), result.ToString());
        var pts = new List<long>();
        using (decoder)
        using (var frame = FrameHandle.Allocate())
        {
            foreach (var (avcc, p, d) in packets.Append((null!, 0, 0)))
            {
                var sent = avcc is null ? decoder.Drain() : decoder.Decode(avcc, p, d);
                Assert.True(sent.IsOk, sent.ToString());
                while (decoder.ReceiveFrame(frame).IsOk)
                {
                    Assert.Equal((640, 360), (frame.Width, frame.Height));
                    pts.Add(frame.Pts);
                }
            }
        }
        Assert.Equal(expectedPts, pts);
    }
}
