using Streaming.Transcode.FFmpeg;

namespace Streaming.Transcode.Tests.FFmpeg;

[Collection(NativeMemoryCollection.Name)]
public sealed class NativeLifetimeTests
{
    private const int Cycles = 50;
    private const long MaxGrowthBytes = 50L * 1024 * 1024;

    [Fact]
    public void Fifty_decoder_scaler_encoder_lifetimes_keep_process_memory_bounded()
    {
        FfmpegRuntime.SetLogLevel(FfmpegLogLevel.Error);
        var stream = H264TestStream.Instance;
        var options = new H264EncoderOptions
        {
            Width = 640, Height = 360, FrameRateNumerator = 30, BitRate = 800_000, GopSize = 60,
            MaxBFrames = 2, Preset = "veryfast", ThreadCount = 1,
        };

        RunCycle(stream, options); // warm up: code pages, pools, lazy x264 tables
        RunCycle(stream, options);
        var before = Rss();
        var packets = 0;
        for (var i = 0; i < Cycles; i++) packets += RunCycle(stream, options);
        var growth = Rss() - before;

        Assert.Equal(Cycles * 5, packets);
        Assert.True(growth < MaxGrowthBytes, $"RSS grew by {growth / (1024 * 1024)} MB over {Cycles} cycles.");
    }

    /// <summary>Decodes 5 frames, scales, encodes and drains; returns the packet count.</summary>
    private static int RunCycle(H264TestStream stream, H264EncoderOptions options)
    {
        var packets = 0;
        Assert.True(H264Decoder.TryCreate(stream.AvcC, 1, out var decoder, out var result), result.ToString());
        Assert.True(H264Encoder.TryCreate(options, out var encoder, out result), result.ToString());
        using (decoder)
        using (encoder)
        using (var scaler = new FrameScaler(options.Width, options.Height))
        using (var frame = FrameHandle.Allocate())
        {
            foreach (var unit in stream.Units.Take(5).Append(null))
            {
                Assert.True((unit is null ? decoder.Drain() : decoder.Decode(unit.Avcc, unit.Pts, unit.Dts)).IsOk);
                while (decoder.ReceiveFrame(frame).IsOk)
                {
                    Assert.True(scaler.Scale(frame).IsOk);
                    Assert.True(encoder.Send(scaler.Output, frame.Pts, false).IsOk);
                }
            }
            Assert.True(encoder.Drain().IsOk);
            while (encoder.ReceivePacket(out var packet).IsOk)
            {
                packets++;
                packet.Buffer.Release();
            }
        }
        return packets;
    }

    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
