using Streaming.Transcode.FFmpeg;

namespace Streaming.Transcode.Tests.FFmpeg;

[Collection(FfmpegCollection.Name)]
public sealed class H264EncoderTests
{
    private static H264EncoderOptions Options => new()
    {
        Width = 320,
        Height = 180,
        FrameRateNumerator = 30,
        BitRate = 300_000,
        GopSize = 250,
        MaxBFrames = 3,
        Preset = "veryfast",
        ThreadCount = 1,
    };

    [Fact]
    public void Keyframes_come_exactly_where_forced_even_off_any_regular_grid()
    {
        FfmpegRuntime.SetLogLevel(FfmpegLogLevel.Error);
        int[] forced = [0, 7, 19, 20];
        var keyframes = new List<long>();
        var count = 0;
        Assert.True(H264Encoder.TryCreate(Options, out var encoder, out var result), result.ToString());
        Assert.True(H264Decoder.TryCreate(H264TestStream.Instance.AvcC, 1, out var decoder, out result), result.ToString());
        using (encoder)
        using (decoder)
        using (var scaler = new FrameScaler(320, 180))
        using (var frame = FrameHandle.Allocate())
        {
            void Collect()
            {
                while (encoder.ReceivePacket(out var packet).IsOk)
                {
                    count++;
                    if (packet.IsKeyframe) keyframes.Add(packet.Pts / H264TestStream.FrameDuration);
                    packet.Buffer.Release();
                }
            }

            var index = 0;
            foreach (var unit in H264TestStream.Instance.Units.Take(30))
            {
                Assert.True(decoder.Decode(unit.Avcc, unit.Pts, unit.Dts).IsOk);
                while (decoder.ReceiveFrame(frame).IsOk)
                {
                    Assert.True(scaler.Scale(frame).IsOk);
                    Assert.True(encoder.Send(scaler.Output, index * H264TestStream.FrameDuration, forced.Contains(index)).IsOk);
                    index++;
                    Collect();
                }
            }
            Assert.True(encoder.Drain().IsOk);
            Collect();
            Assert.Equal(index, count);
        }
        Assert.Equal(forced.Select(i => (long)i), keyframes.Order());
    }

    [Fact]
    public void An_unknown_additional_option_fails_the_open_with_option_not_found()
    {
        var options = Options with { AdditionalOptions = new Dictionary<string, string> { ["no-such-option"] = "1" } };

        Assert.False(H264Encoder.TryCreate(options, out var encoder, out var result));
        Assert.Null(encoder);
        Assert.Equal(FfmpegStatus.Error, result.Status);
        Assert.Equal("Option not found", result.Message);
    }

    [Fact]
    public void An_unknown_preset_fails_the_open_with_a_result()
    {
        Assert.False(H264Encoder.TryCreate(Options with { Preset = "warp-speed" }, out _, out var result));
        Assert.False(result.IsOk);
    }

    [Fact]
    public void Invalid_options_are_a_programming_error()
    {
        var error = Assert.Throws<ArgumentException>(() => H264Encoder.TryCreate(Options with { Width = 321 }, out _, out _));
        Assert.Contains("even", error.Message);
    }

    [Fact]
    public void A_frame_of_another_size_is_a_programming_error()
    {
        Assert.True(H264Encoder.TryCreate(Options, out var encoder, out var result), result.ToString());
        using (encoder)
        using (var scaler = new FrameScaler(640, 360))
            Assert.Throws<ArgumentException>(() => encoder.Send(scaler.Output, 0, false));
    }
}
