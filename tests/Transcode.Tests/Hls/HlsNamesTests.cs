using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Tests.Hls;

public sealed class HlsNamesTests
{
    [Fact]
    public void NamesFollowTheOriginLayout()
    {
        Assert.Equal("init.mp4", HlsNames.Init(0));
        Assert.Equal("init-2.mp4", HlsNames.Init(2));
        Assert.Equal("seg17.m4s", HlsNames.Segment(17));
        Assert.Equal("part17.3.m4s", HlsNames.Part(17, 3));
    }

    [Theory]
    [InlineData("index.m3u8", HlsObjectKind.MediaPlaylist, 0, 0, 0)]
    [InlineData("init.mp4", HlsObjectKind.Init, 0, 0, 0)]
    [InlineData("init-3.mp4", HlsObjectKind.Init, 0, 0, 3)]
    [InlineData("seg42.m4s", HlsObjectKind.Segment, 42, 0, 0)]
    [InlineData("part42.7.m4s", HlsObjectKind.Part, 42, 7, 0)]
    public void ParsesOwnNames(string name, HlsObjectKind kind, long msn, int part, int init)
    {
        Assert.True(HlsNames.TryParse(name, out var parsed));
        Assert.Equal(new HlsObjectName(kind, msn, part, init), parsed);
    }

    [Theory]
    [InlineData("seg.m4s")]
    [InlineData("seg01.m4s")]
    [InlineData("seg-1.m4s")]
    [InlineData("part4.m4s")]
    [InlineData("part4.x.m4s")]
    [InlineData("init-0.mp4")]
    [InlineData("init-.mp4")]
    [InlineData("../index.m3u8")]
    [InlineData("seg1.mp4")]
    [InlineData("seg99999999999999999999.m4s")]
    public void RejectsAnythingElse(string name) => Assert.False(HlsNames.TryParse(name, out _));
}
