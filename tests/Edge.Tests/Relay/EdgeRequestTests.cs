using Streaming.Edge.Relay;

namespace Streaming.Edge.Tests.Relay;

public sealed class EdgeRequestTests
{
    [Theory]
    [InlineData("/live/s/index.m3u8", EdgeObjectKind.Multivariant)]
    [InlineData("/live/s/source/index.m3u8", EdgeObjectKind.MediaPlaylist)]
    [InlineData("/live/s/source/0a1b2c3d4e5f-init.mp4", EdgeObjectKind.Init)]
    [InlineData("/live/s/source/0a1b2c3d4e5f-init-2.mp4", EdgeObjectKind.Init)]
    [InlineData("/live/s/source/0a1b2c3d4e5f-seg12.m4s", EdgeObjectKind.Segment)]
    [InlineData("/live/s/source/0a1b2c3d4e5f-part12.3.m4s", EdgeObjectKind.Part)]
    public void Classifies_the_origin_url_space(string path, EdgeObjectKind kind)
    {
        Assert.True(EdgeRequest.TryParse(path, null, null, null, out var request));
        Assert.Equal(kind, request.Kind);
        Assert.Equal("s", request.Stream);
        Assert.Equal(path, request.Key);
    }

    [Fact]
    public void Blocking_reload_key_keeps_only_the_canonical_ll_hls_parameters()
    {
        Assert.True(EdgeRequest.TryParse("/live/s/r/index.m3u8", "12", "3", "YES", out var request));
        Assert.Equal(EdgeObjectKind.BlockingPlaylist, request.Kind);
        Assert.Equal("/live/s/r/index.m3u8?_HLS_msn=12&_HLS_part=3&_HLS_skip=YES", request.Key);
    }

    [Theory]
    [InlineData("/live/../etc/index.m3u8")]
    [InlineData("/live/s/r/other.txt")]
    [InlineData("/vod/s/index.m3u8")]
    [InlineData("/live/s/a/b/0a1b2c3d4e5f-part1.0.m4s")]
    [InlineData("/live/s/r/part1.0.m4s")] // no stream instance
    [InlineData("/live/s/r/seg1.m4s")]
    [InlineData("/live/s/r/init.mp4")]
    [InlineData("/live/s/r/0A1B2C3D4E5F-seg1.m4s")]
    [InlineData("/live/s/r/0a1b2c3d4e5f-seg01.m4s")]
    [InlineData("/live/s/r/0a1b2c3d4e5f-init-x.mp4")]
    public void Rejects_paths_outside_the_relayed_space(string path) =>
        Assert.False(EdgeRequest.TryParse(path, null, null, null, out _));

    [Theory]
    [InlineData("-1", null)]
    [InlineData("1x", null)]
    [InlineData(null, "2")]
    [InlineData("1", "99999999999")]
    public void Rejects_malformed_blocking_parameters(string? msn, string? part) =>
        Assert.False(EdgeRequest.TryParse("/live/s/r/index.m3u8", msn, part, null, out _));
}
