using System.Net;
using Streaming.Shared.Security;

namespace Streaming.Edge.Tests.Tokens;

public class PlaybackTokenTests
{
    private const string Secret = "edge-token-secret-for-tests";
    private static readonly string[] Objects =
        ["index.m3u8", "720p/index.m3u8", "720p/index.m3u8?_HLS_msn=3&_HLS_part=1", "720p/init.mp4", "720p/seg2.m4s", "720p/part3.0.m4s"];

    private static string WithToken(string path, string token) => path + (path.Contains('?') ? "&" : "?") + "token=" + token;

    [Fact]
    public async Task A_valid_token_serves_every_object_type_and_playlists_carry_it()
    {
        await using var host = await TokenTestHost.StartAsync(Secret);
        var token = PlaybackToken.Mint(Secret, "cam", DateTimeOffset.UtcNow.AddMinutes(5));

        foreach (var path in Objects)
        {
            using var response = await host.Http.GetAsync(WithToken("/live/cam/" + path, token));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        }
        var media = await host.Http.GetStringAsync(WithToken("/live/cam/720p/index.m3u8", token));
        var multivariant = await host.Http.GetStringAsync(WithToken("/live/cam/index.m3u8", token));

        Assert.Equal(Streaming.Edge.Tokens.PlaylistTokenRewriter.Rewrite(TokenTestHost.MediaPlaylist, token), media);
        Assert.Contains($"URI=\"init.mp4?token={token}\"", media);
        Assert.Contains($"URI=\"../360p/index.m3u8?token={token}\"", media);
        Assert.Contains($"720p/index.m3u8?token={token}", multivariant);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("tampered")]
    [InlineData("expired")]
    [InlineData("other-stream")]
    [InlineData("other-secret")]
    public async Task A_bad_token_gets_403_for_every_object_type(string kind)
    {
        await using var host = await TokenTestHost.StartAsync(Secret);
        var valid = PlaybackToken.Mint(Secret, "cam", DateTimeOffset.UtcNow.AddMinutes(5));
        string? token = kind switch
        {
            "missing" => null,
            "tampered" => valid[..^1] + (valid[^1] == '0' ? '1' : '0'),
            "expired" => PlaybackToken.Mint(Secret, "cam", DateTimeOffset.UtcNow.AddSeconds(-5)),
            "other-stream" => PlaybackToken.Mint(Secret, "other", DateTimeOffset.UtcNow.AddMinutes(5)),
            _ => PlaybackToken.Mint("another-secret-entirely", "cam", DateTimeOffset.UtcNow.AddMinutes(5)),
        };

        foreach (var path in Objects)
        {
            var url = token is null ? "/live/cam/" + path : WithToken("/live/cam/" + path, token);
            using var response = await host.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{kind} {path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Without_a_secret_playback_is_open()
    {
        await using var host = await TokenTestHost.StartAsync("");

        var media = await host.Http.GetStringAsync("/live/cam/720p/index.m3u8");

        Assert.Equal(TokenTestHost.MediaPlaylist, media);
    }

    [Fact]
    public async Task A_child_edge_with_the_cluster_secret_needs_no_token()
    {
        await using var host = await TokenTestHost.StartAsync(Secret, clusterSecret: "cluster-secret");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/live/cam/720p/seg2.m4s");
        request.Headers.Add(ClusterSecretOptions.HeaderName, "cluster-secret");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/live/cam/720p/seg2.m4s");
        wrong.Headers.Add(ClusterSecretOptions.HeaderName, "guess");

        using var allowed = await host.Http.SendAsync(request);
        using var refused = await host.Http.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public void Token_verification_distinguishes_expired_from_tampered()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var token = PlaybackToken.Mint(Secret, "cam", now.AddSeconds(10));

        Assert.Equal(SignatureCheck.Valid, PlaybackToken.Verify(Secret, "cam", token, now));
        Assert.Equal(SignatureCheck.Expired, PlaybackToken.Verify(Secret, "cam", token, now.AddSeconds(11)));
        Assert.Equal(SignatureCheck.BadSignature, PlaybackToken.Verify(Secret, "cam", "1700000099" + token[10..], now));
        Assert.Equal(SignatureCheck.Malformed, PlaybackToken.Verify(Secret, "cam", "abc.def", now));
        Assert.Equal(SignatureCheck.Missing, PlaybackToken.Verify(Secret, "cam", null, now));
    }
}
