using Streaming.Transcode.FFmpeg;

namespace Streaming.Transcode.Tests.FFmpeg;

[Collection(FfmpegCollection.Name)]
public sealed class H264DecoderTests
{
    [Fact]
    public void Garbage_returns_invalid_data_and_decoding_recovers_at_the_next_keyframe()
    {
        FfmpegRuntime.SetLogLevel(FfmpegLogLevel.Quiet);
        var stream = H264TestStream.Instance;
        var garbage = new byte[4096];
        new Random(1234).NextBytes(garbage);
        garbage[0] = 0x7F; // AVCC length far beyond the payload

        Assert.True(H264Decoder.TryCreate(stream.AvcC, 1, out var decoder, out var result), result.ToString());
        var pts = new List<long>();
        using (decoder)
        using (var frame = FrameHandle.Allocate())
        {
            foreach (var unit in stream.Units.Take(10))
            {
                Assert.True(decoder.Decode(unit.Avcc, unit.Pts, unit.Dts).IsOk);
                while (decoder.ReceiveFrame(frame).IsOk) pts.Add(frame.Pts);
            }

            var bad = decoder.Decode(garbage, 999, 999);
            Assert.Equal(FfmpegStatus.InvalidData, bad.Status);
            Assert.Equal("Invalid data found when processing input", bad.Message);

            var nextKeyframe = stream.Units.ToList().FindIndex(10, u => u.IsIdr);
            Assert.Equal(30, nextKeyframe);
            foreach (var unit in stream.Units.Skip(nextKeyframe))
            {
                var sent = decoder.Decode(unit.Avcc, unit.Pts, unit.Dts);
                Assert.True(sent.IsOk, sent.ToString());
                while (decoder.ReceiveFrame(frame).IsOk) pts.Add(frame.Pts);
            }
            Assert.True(decoder.Drain().IsOk);
            while (decoder.ReceiveFrame(frame).IsOk) pts.Add(frame.Pts);
            Assert.Equal(FfmpegStatus.EndOfStream, decoder.ReceiveFrame(frame).Status);
        }

        var secondGop = Enumerable.Range(30, 30).Select(i => i * H264TestStream.FrameDuration);
        Assert.Superset(secondGop.ToHashSet(), pts.ToHashSet());
        Assert.DoesNotContain(999, pts);
    }

    [Fact]
    public void A_record_that_is_not_avcC_is_rejected_without_opening_a_decoder()
    {
        Assert.False(H264Decoder.TryCreate([0, 0, 0, 1, 0x67, 0x42, 0], 1, out var decoder, out var result));
        Assert.Null(decoder);
        Assert.Equal(FfmpegStatus.InvalidData, result.Status);
    }

    [Fact]
    public void Receiving_before_any_input_asks_for_more_input()
    {
        Assert.True(H264Decoder.TryCreate(H264TestStream.Instance.AvcC, 1, out var decoder, out var result), result.ToString());
        using (decoder)
        using (var frame = FrameHandle.Allocate())
            Assert.Equal(FfmpegStatus.Again, decoder.ReceiveFrame(frame).Status);
    }

    [Fact]
    public void Disposing_twice_is_harmless_and_use_after_dispose_is_a_bug()
    {
        Assert.True(H264Decoder.TryCreate(H264TestStream.Instance.AvcC, 1, out var decoder, out var result), result.ToString());
        var frame = FrameHandle.Allocate();
        decoder.Dispose();
        decoder.Dispose();
        frame.Dispose();
        frame.Dispose();

        Assert.Throws<ObjectDisposedException>(() => decoder.Decode([0, 0, 0, 1, 9], 0, 0));
        Assert.Throws<ObjectDisposedException>(() => frame.Pts);
    }
}
