using Streaming.Shared.Hls;

namespace Streaming.Shared.Tests.Hls;

public sealed class HlsNamesTests
{
    private static readonly StreamInstance Instance = new(0x3f9a0c21b4e7);

    [Fact]
    public void NamesCarryTheStreamInstance()
    {
        Assert.Equal("3f9a0c21b4e7-init.mp4", HlsNames.Init(Instance, 0));
        Assert.Equal("3f9a0c21b4e7-init-2.mp4", HlsNames.Init(Instance, 2));
        Assert.Equal("3f9a0c21b4e7-seg17.m4s", HlsNames.Segment(Instance, 17));
        Assert.Equal("3f9a0c21b4e7-part17.3.m4s", HlsNames.Part(Instance, 17, 3));
        Assert.Equal("00000000002a-seg0.m4s", HlsNames.Segment(new StreamInstance(42), 0));
    }

    [Theory]
    [InlineData("index.m3u8", HlsObjectKind.MediaPlaylist, 0L, 0L, 0, 0)]
    [InlineData("3f9a0c21b4e7-init.mp4", HlsObjectKind.Init, 0x3f9a0c21b4e7L, 0L, 0, 0)]
    [InlineData("3f9a0c21b4e7-init-3.mp4", HlsObjectKind.Init, 0x3f9a0c21b4e7L, 0L, 0, 3)]
    [InlineData("3f9a0c21b4e7-seg42.m4s", HlsObjectKind.Segment, 0x3f9a0c21b4e7L, 42L, 0, 0)]
    [InlineData("3f9a0c21b4e7-part42.7.m4s", HlsObjectKind.Part, 0x3f9a0c21b4e7L, 42L, 7, 0)]
    [InlineData("ffffffffffff-seg0.m4s", HlsObjectKind.Segment, 0xffffffffffffL, 0L, 0, 0)]
    public void ParsesOwnNames(string name, HlsObjectKind kind, long instance, long msn, int part, int init)
    {
        Assert.True(HlsNames.TryParse(name, out var parsed));
        Assert.Equal(new HlsObjectName(kind, new StreamInstance((ulong)instance), msn, part, init), parsed);
    }

    [Fact]
    public void EveryNameRoundTrips()
    {
        var instance = StreamInstance.NewRandom();
        foreach (var name in new[] { HlsNames.Init(instance, 0), HlsNames.Init(instance, 9), HlsNames.Segment(instance, 123456789012),
                     HlsNames.Part(instance, 5, 11) })
        {
            Assert.True(HlsNames.TryParse(name, out var parsed), name);
            Assert.Equal(instance, parsed.Instance);
            var again = parsed.Kind switch
            {
                HlsObjectKind.Init => HlsNames.Init(parsed.Instance, parsed.InitIndex),
                HlsObjectKind.Segment => HlsNames.Segment(parsed.Instance, parsed.Msn),
                _ => HlsNames.Part(parsed.Instance, parsed.Msn, parsed.PartIndex),
            };
            Assert.Equal(name, again);
        }
    }

    [Theory]
    [InlineData("init.mp4")] // no instance: the names before instances existed are not ours any more
    [InlineData("seg0.m4s")]
    [InlineData("part0.0.m4s")]
    [InlineData("3f9a0c21b4e7seg1.m4s")]
    [InlineData("3f9a0c21b4e-seg1.m4s")] // 11 digits
    [InlineData("3f9a0c21b4e70-seg1.m4s")] // 13 digits
    [InlineData("3F9A0C21B4E7-seg1.m4s")] // upper case: one spelling per instance
    [InlineData("3f9a0c21b4eg-seg1.m4s")]
    [InlineData("3f9a0c21b4e7-")]
    [InlineData("3f9a0c21b4e7-index.m3u8")]
    [InlineData("3f9a0c21b4e7-seg.m4s")]
    [InlineData("3f9a0c21b4e7-seg01.m4s")]
    [InlineData("3f9a0c21b4e7-seg-1.m4s")]
    [InlineData("3f9a0c21b4e7-part4.m4s")]
    [InlineData("3f9a0c21b4e7-part4.x.m4s")]
    [InlineData("3f9a0c21b4e7-init-0.mp4")]
    [InlineData("3f9a0c21b4e7-init-.mp4")]
    [InlineData("3f9a0c21b4e7-seg1.mp4")]
    [InlineData("3f9a0c21b4e7-seg99999999999999999999.m4s")]
    [InlineData("../index.m3u8")]
    [InlineData("")]
    public void RejectsAnythingElse(string name) => Assert.False(HlsNames.TryParse(name, out _));

    [Fact]
    public void InstancesAreTwelveLowercaseHexDigitsAndRandom()
    {
        var drawn = Enumerable.Range(0, 64).Select(_ => StreamInstance.NewRandom()).ToArray();
        Assert.All(drawn, i => Assert.Matches("^[0-9a-f]{12}$", i.ToString()));
        Assert.All(drawn, i => Assert.True(StreamInstance.TryParse(i.ToString(), out var back) && back == i));
        Assert.Equal(drawn.Length, drawn.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamInstance(1UL << 48));
    }
}
