using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Tests.Hls;

public sealed class PlaylistRequestTests
{
    [Fact]
    public void PlainRequestIsNotBlocking()
    {
        Assert.True(PlaylistRequest.TryParse(null, null, null, out var r));
        Assert.False(r.IsBlocking);
        Assert.Equal(-1, r.Part);
    }

    [Fact]
    public void ParsesMsnPartAndSkip()
    {
        Assert.True(PlaylistRequest.TryParse("12", "3", "YES", out var r));
        Assert.Equal(new PlaylistRequest(12, 3, true), r);
        Assert.True(PlaylistRequest.TryParse("12", null, "v2", out r));
        Assert.Equal(new PlaylistRequest(12, -1, true), r);
    }

    [Theory]
    [InlineData(null, "1", null)]
    [InlineData("-1", null, null)]
    [InlineData("x", null, null)]
    [InlineData("1", "-2", null)]
    [InlineData("1", "", null)]
    [InlineData(null, null, "NO")]
    public void InvalidDirectivesAreBadRequests(string? msn, string? part, string? skip) =>
        Assert.False(PlaylistRequest.TryParse(msn, part, skip, out _));
}
