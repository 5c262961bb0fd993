using System.Text;
using Streaming.Edge.Relay;
using Streaming.Shared.Hls;

namespace Streaming.Edge.Tests.Relay;

public sealed class PlaylistInstanceTests
{
    [Theory]
    [InlineData("#EXTM3U\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init.mp4\"\n#EXTINF:2.000,\n0a1b2c3d4e5f-seg0.m4s\n")]
    [InlineData("#EXTM3U\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init-3.mp4?token=1.ab\"\n")]
    public void Reads_the_instance_from_the_map_uri(string playlist)
    {
        Assert.True(PlaylistInstance.TryFind(Encoding.UTF8.GetBytes(playlist), out var instance));
        Assert.Equal(new StreamInstance(0x0a1b2c3d4e5f), instance);
    }

    [Theory]
    [InlineData("#EXTM3U\n#EXT-X-TARGETDURATION:2\n")] // no media yet
    [InlineData("#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n")] // a name without an instance
    [InlineData("#EXTM3U\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-seg0.m4s\"\n")] // not an init segment
    [InlineData("#EXTM3U\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init.mp4")] // unterminated
    [InlineData("#EXTM3U\n#EXT-X-MAP:URI=\"\"\n")]
    [InlineData("#EXTM3U\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-ïnit.mp4\"\n")]
    public void Finds_nothing_in_anything_else(string playlist) =>
        Assert.False(PlaylistInstance.TryFind(Encoding.UTF8.GetBytes(playlist), out _));

    [Fact]
    public void An_overlong_uri_is_refused() =>
        Assert.False(PlaylistInstance.TryFind(Encoding.UTF8.GetBytes("#EXT-X-MAP:URI=\"" + new string('a', 300) + "\"\n"), out _));
}
