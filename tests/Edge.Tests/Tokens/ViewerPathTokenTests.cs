using System.Net;
using Streaming.Shared.Security;

namespace Streaming.Edge.Tests.Tokens;

/// <summary>
/// The token matrix over every viewer path at the edge: live multivariant, rendition playlist and media object,
/// recorded (VOD) playlists and objects through the real VOD relay, and the recordings list; with no, wrong,
/// expired, other-stream and valid tokens.
/// </summary>
public class ViewerPathTokenTests
{
    private const string Secret = "edge-token-secret-for-tests";
    private const string Session = "20260101T120000Z";

    public static readonly TheoryData<string> ViewerPaths = new()
    {
        "/live/cam/index.m3u8",
        "/live/cam/720p/index.m3u8",
        "/live/cam/720p/seg2.m4s",
        $"/vod/cam/{Session}/index.m3u8",
        $"/vod/cam/{Session}/720p/index.m3u8",
        $"/vod/cam/{Session}/720p/seg1.m4s",
        "/api/recordings?stream=cam",
    };

    private static string WithToken(string path, string? token) =>
        token is null ? path : path + (path.Contains('?') ? "&" : "?") + "token=" + token;

    private static string? TokenOfKind(string kind)
    {
        var valid = PlaybackToken.Mint(Secret, "cam", DateTimeOffset.UtcNow.AddMinutes(5));
        return kind switch
        {
            "none" => null,
            "valid" => valid,
            "wrong" => valid[..^1] + (valid[^1] == '0' ? '1' : '0'),
            "garbage" => "not-a-token",
            "expired" => PlaybackToken.Mint(Secret, "cam", DateTimeOffset.UtcNow.AddSeconds(-5)),
            "other-stream" => PlaybackToken.Mint(Secret, "other", DateTimeOffset.UtcNow.AddMinutes(5)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    [Theory]
    [MemberData(nameof(ViewerPaths))]
    public async Task Every_viewer_path_needs_a_valid_token_for_its_stream(string path)
    {
        await using var host = await TokenTestHost.StartAsync(Secret);

        foreach (var kind in new[] { "none", "wrong", "garbage", "expired", "other-stream", "valid" })
        {
            using var response = await host.Http.GetAsync(WithToken(path, TokenOfKind(kind)));
            var expected = kind == "valid" ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(response.StatusCode == expected, $"{kind} token on {path}: {response.StatusCode}, expected {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(ViewerPaths))]
    public async Task Without_a_token_secret_every_viewer_path_is_open(string path)
    {
        await using var host = await TokenTestHost.StartAsync("");

        using var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_full_recordings_list_names_every_stream_so_no_playback_token_opens_it()
    {
        await using var host = await TokenTestHost.StartAsync(Secret);

        using var response = await host.Http.GetAsync(WithToken("/api/recordings", TokenOfKind("valid")));
        using var twoStreams = await host.Http.GetAsync(WithToken("/api/recordings?stream=cam&stream=other", TokenOfKind("valid")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, twoStreams.StatusCode);
    }

    [Theory]
    [InlineData("/LIVE/cam/720p/seg2.m4s")]
    [InlineData("/Vod/cam/" + Session + "/720p/seg1.m4s")]
    [InlineData("/API/Recordings?stream=cam")]
    public async Task Paths_in_another_letter_case_are_checked_too(string path)
    {
        await using var host = await TokenTestHost.StartAsync(Secret);

        using var refused = await host.Http.GetAsync(path);
        using var allowed = await host.Http.GetAsync(WithToken(path, TokenOfKind("valid")));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Recorded_playlists_carry_the_token_on_every_uri()
    {
        await using var host = await TokenTestHost.StartAsync(Secret);
        var token = TokenOfKind("valid")!;

        var multivariant = await host.Http.GetStringAsync(WithToken($"/vod/cam/{Session}/index.m3u8", token));
        var media = await host.Http.GetStringAsync(WithToken($"/vod/cam/{Session}/720p/index.m3u8", token));

        Assert.Contains($"720p/index.m3u8?token={token}\n", multivariant);
        Assert.Equal(Streaming.Edge.Tokens.PlaylistTokenRewriter.Rewrite(TokenTestHost.VodPlaylist, token), media);
        Assert.Contains($"URI=\"init.mp4?token={token}\"", media);
        Assert.Contains($"seg1.m4s?token={token}\n", media);
    }

    [Fact]
    public async Task The_vod_relay_sends_the_cluster_secret_to_the_archive()
    {
        // The stand-in archive answers 403 without the secret header, so 200 here means the relay sent it.
        await using var host = await TokenTestHost.StartAsync(Secret, clusterSecret: "cluster-secret");
        var token = TokenOfKind("valid");

        using var vod = await host.Http.GetAsync(WithToken($"/vod/cam/{Session}/720p/seg1.m4s", token));
        using var recordings = await host.Http.GetAsync(WithToken("/api/recordings?stream=cam", token));

        Assert.Equal(HttpStatusCode.OK, vod.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recordings.StatusCode);
        Assert.Equal(TokenTestHost.Recordings, await recordings.Content.ReadAsStringAsync());
    }
}
