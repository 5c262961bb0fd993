using System.Text;
using Streaming.Edge.Relay;
using Streaming.Shared.Hls;
using Streaming.Shared.Security;
using Streaming.Transcode.Hls;

namespace Streaming.Tools.Fuzz.Targets;

/// <summary>
/// The input as an HTTP request's path and query values (lines: path, _HLS_msn, _HLS_part, _HLS_skip, token; an
/// absent line is an absent value) through what the edge and origin parse from it: <see cref="EdgeRequest.TryParse"/>,
/// <see cref="PlaylistRequest.TryParse"/>, <see cref="HlsNames.TryParse"/> and the token/key checks. Invariants: an
/// accepted edge request names a safe stream inside <c>/live/</c> and its cache key is its path (plus canonical
/// LL-HLS parameters for playlists); accepted origin names and directives round-trip; token checks give a documented result.
/// </summary>
public static class HttpRequestTarget
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static void Run(ReadOnlySpan<byte> input)
    {
        var fields = Encoding.Latin1.GetString(input).Split('\n');
        string? Field(int i) => i < fields.Length ? fields[i] : null;
        var path = fields[0];
        var (msn, part, skip, token) = (Field(1), Field(2), Field(3), Field(4));

        if (EdgeRequest.TryParse(path, msn, part, skip, out var request))
        {
            Invariant.Check(request.Key.StartsWith(path, StringComparison.Ordinal), "cache key is not the path");
            Invariant.Check(request.Key.StartsWith(EdgeRequest.StreamPrefix(request.Stream), StringComparison.Ordinal), "key outside its stream");
            Invariant.Check(request.Stream.Length > 0 && request.Stream is not ("." or "..") && !request.Stream.Contains('/'), $"stream '{request.Stream}'");
            Invariant.Check(!request.Key.Contains("/../") && !request.Key.Contains("/./"), "dot segment in the key");
        }

        if (PlaylistRequest.TryParse(msn, part, skip, out var directives))
        {
            Invariant.Check(directives.Msn is null or >= 0 && directives.Part >= -1, "negative directive");
            Invariant.Check(directives.Msn is not null || directives.Part == -1, "_HLS_part without _HLS_msn");
        }

        var name = path[(path.LastIndexOf('/') + 1)..];
        if (HlsNames.TryParse(name, out var parsed))
        {
            Invariant.Check(parsed.Msn >= 0 && parsed.PartIndex >= 0 && parsed.InitIndex >= 0, "negative object index");
            var canonical = parsed.Kind switch
            {
                HlsObjectKind.MediaPlaylist => HlsNames.Playlist,
                HlsObjectKind.Init => HlsNames.Init(parsed.Instance, parsed.InitIndex),
                HlsObjectKind.Segment => HlsNames.Segment(parsed.Instance, parsed.Msn),
                _ => HlsNames.Part(parsed.Instance, parsed.Msn, parsed.PartIndex),
            };
            Invariant.Check(HlsNames.TryParse(canonical, out var again) && again == parsed, $"'{name}' does not round-trip");
        }

        Invariant.Defined(PlaybackToken.Verify("secret", "cam", token, Now));
        Invariant.Defined(SignedPublishKey.Verify("secret", path, Now, out _));
    }
}
