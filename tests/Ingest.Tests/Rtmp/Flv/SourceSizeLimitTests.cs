using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Flv;
using Streaming.Shared.Codecs;
using Streaming.Shared.Media;

namespace Streaming.Ingest.Tests.Rtmp.Flv;

public class SourceSizeLimitTests
{
    // Baseline SPS NAL units (no VUI) hand-assembled from H.264 7.3.2.1.1, emulation prevention applied.
    /// <summary>Level 6.2, 1024 x 1024 map units, field coded: 16384x32768.</summary>
    private const string Sps16384x32768 = "6742c03eda00100000800480";
    /// <summary>Level 3.1, 80x45 macroblocks: 1280x720.</summary>
    private const string Sps1280x720Level31 = "6742c01fda014016e4";
    /// <summary>Level 3.1 (too low), 120x68 macroblocks cropped to 1920x1080.</summary>
    private const string Sps1920x1080Level31 = "6742c01fda01e0089f95";
    /// <summary>Level 5.1, 256x144 macroblocks: 4096x2304.</summary>
    private const string Sps4096x2304Level51 = "6742c033da0040004864";
    /// <summary>Level 5.1, 257x144 macroblocks: 4112x2304.</summary>
    private const string Sps4112x2304Level51 = "6742c033da0040404864";

    private static H264Sps Sps(string hex)
    {
        Assert.True(H264Sps.TryParse(Hex.Bytes(hex), out var sps));
        return sps;
    }

    [Fact]
    public void A_16384x32768_source_is_refused()
    {
        var sps = Sps(Sps16384x32768);
        Assert.Equal((16384, 32768), (sps.Width, sps.Height));

        Assert.False(SourceSizeLimit.Default.Allows(sps, 30, out var problem));
        Assert.Contains("16384x32768", problem);
        Assert.False(new SourceSizeLimit(16384, 32768).Allows(sps, 0, out problem));
        Assert.Contains("level 6.2", problem);
    }

    [Fact]
    public void A_1280x720_source_at_level_3_1_and_30_fps_is_accepted()
    {
        var sps = Sps(Sps1280x720Level31);
        Assert.Equal((1280, 720), (sps.Width, sps.Height));

        Assert.True(SourceSizeLimit.Default.Allows(sps, 30, out var problem), problem);
        Assert.True(SourceSizeLimit.Default.Allows(sps, 0, out _));
    }

    [Fact]
    public void A_macroblock_rate_over_the_level_is_refused()
    {
        Assert.False(SourceSizeLimit.Default.Allows(Sps(Sps1280x720Level31), 60, out var problem));
        Assert.Contains("macroblocks/s", problem);
    }

    [Fact]
    public void A_frame_larger_than_the_declared_level_allows_is_refused()
    {
        var sps = Sps(Sps1920x1080Level31);
        Assert.Equal((1920, 1080), (sps.Width, sps.Height));

        Assert.False(SourceSizeLimit.Default.Allows(sps, 30, out var problem));
        Assert.Contains("level 3.1", problem);
    }

    [Fact]
    public void The_configured_maximum_is_inclusive()
    {
        // 36864 macroblocks is level 5.1's MaxFS; at 25 fps its MaxMBPS holds too.
        Assert.True(SourceSizeLimit.Default.Allows(Sps(Sps4096x2304Level51), 25, out var problem), problem);
        Assert.False(SourceSizeLimit.Default.Allows(Sps(Sps4112x2304Level51), 25, out problem));
        Assert.Contains("4112x2304 exceeds the maximum 4096x2304", problem);
        Assert.False(new SourceSizeLimit(1920, 1080).Allows(Sps(Sps4096x2304Level51), 25, out _));
    }

    [Fact]
    public void The_real_ffmpeg_720p_sequence_header_passes_the_mapper()
    {
        var mapper = new FlvFrameMapper();
        using var _ = new PayloadScope(FlvSamples.VideoSequenceHeader, out var message);

        Assert.Equal(FlvMapResult.TracksChanged, mapper.Map(message, 0, out var _));
    }

    [Fact]
    public void The_mapper_refuses_a_sequence_header_whose_sps_is_too_large()
    {
        var sps = Hex.Bytes(Sps16384x32768);
        byte[] record = [1, 0x42, 0xC0, 0x3E, 0xFF, 0xE1, 0, (byte)sps.Length, .. sps, 1, 0, 4, 0x68, 0xCE, 0x3C, 0x80];
        var mapper = new FlvFrameMapper();
        using var _ = new PayloadScope([0x17, 0, 0, 0, 0, .. record], out var message);

        Assert.Equal(FlvMapResult.SourceTooLarge, mapper.Map(message, 0, out var _));
        Assert.Contains("16384x32768", mapper.SourceProblem);
        Assert.Null(mapper.Tracks.Video);
    }

    /// <summary>A video message over a pooled copy of <paramref name="payload"/>, released at the end of the test.</summary>
    private sealed class PayloadScope : IDisposable
    {
        private readonly SharedBuffer _buffer;

        public PayloadScope(byte[] payload, out RtmpMessage message)
        {
            _buffer = SharedBuffer.CopyOf(payload);
            message = new RtmpMessage(6, RtmpMessageType.Video, 0, 1, _buffer);
        }

        public void Dispose() => _buffer.Release();
    }
}
