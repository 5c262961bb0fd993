using Streaming.Shared.Codecs;

namespace Streaming.Shared.Tests.Codecs;

public class H264LevelTests
{
    [Theory]
    [InlineData(100, 0x00, 31, "3.1", 108_000, 3_600)]
    [InlineData(100, 0x00, 40, "4", 245_760, 8_192)]
    [InlineData(100, 0x00, 51, "5.1", 983_040, 36_864)]
    [InlineData(77, 0x10, 11, "1b", 1_485, 99)]
    [InlineData(100, 0x10, 11, "1.1", 3_000, 396)]
    [InlineData(66, 0x00, 62, "6.2", 16_711_680, 139_264)]
    public void Table_A_1_limits_by_level_idc(byte profile, byte constraints, byte levelIdc, string name, int maxMbps, int maxFs)
    {
        Assert.True(H264Level.TryGet(profile, constraints, levelIdc, out var level));

        Assert.Equal((name, maxMbps, maxFs), (level.Name, level.MaxMacroblocksPerSecond, level.MaxFrameSizeInMacroblocks));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(14)]
    [InlineData(63)]
    [InlineData(255)]
    public void An_undefined_level_idc_is_not_a_level(byte levelIdc)
    {
        Assert.False(H264Level.TryGet(100, 0, levelIdc, out _));
    }

    [Fact]
    public void Frame_side_limit_is_the_square_root_of_eight_times_max_fs()
    {
        Assert.True(H264Level.TryGet(100, 0, 31, out var level));

        Assert.Equal(169, level.MaxMacroblocksPerSide);
    }
}
