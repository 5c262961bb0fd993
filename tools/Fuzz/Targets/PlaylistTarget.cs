using System.Text;
using Streaming.Archive.Hls;
using Streaming.Bench.LoadGenerator.Playlists;
using Streaming.Edge.Tokens;

namespace Streaming.Tools.Fuzz.Targets;

/// <summary>
/// The input as playlist text (UTF-8, as fetched over HTTP) through every parser of playlists: the archive's
/// <see cref="OriginPlaylistParser"/> and <see cref="MasterPlaylistFilter"/>, the edge's
/// <see cref="PlaylistTokenRewriter"/> and the load generator's <see cref="PlaylistParser"/>. Invariants: archived
/// segments have consecutive non-negative sequence numbers, bounded durations and safe object names, and survive
/// a write with <see cref="ArchivePlaylistWriter"/> and a re-parse; filtered multivariant lines come from the input;
/// the token rewrite keeps every line and puts the token on every URI line.
/// </summary>
public static class PlaylistTarget
{
    private const string Token = "1700000000.abc";

    public static void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        CheckArchive(text);
        CheckMultivariant(text);
        CheckTokenRewrite(text);
        var variants = PlaylistParser.ParseMultivariant(text);
        Invariant.Check(variants.Count <= text.Length, "more variants than characters");
        if (PlaylistParser.TryParseMedia(text, out var media))
            Invariant.Check(media.Parts.Count <= text.Length, "more parts than characters");
    }

    private static void CheckArchive(string text)
    {
        if (!OriginPlaylistParser.TryParse(text, out var playlist)) return;
        var segments = playlist.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            Invariant.Check(s.Msn >= 0, $"negative media sequence number {s.Msn}");
            Invariant.Check(s.DurationMillis is >= 0 and <= 86_400_000, $"segment duration {s.DurationMillis} ms");
            Invariant.Check(ObjectNames.IsSafeName(s.MapUri) && ObjectNames.IsSafeName(s.Uri), "unsafe object name");
            Invariant.Check(i == 0 || s.Msn > segments[i - 1].Msn, "sequence numbers not increasing");
        }
        if (segments.Count == 0 || segments[^1].Msn - segments[0].Msn != segments.Count - 1) return; // EXT-X-SKIP gap
        var written = ArchivePlaylistWriter.Write(segments, playlist.TargetDuration, playlist.Ended);
        Invariant.Check(OriginPlaylistParser.TryParse(written, out var again), "archive playlist written from parsed segments is refused");
        Invariant.Check(again.Segments.Count == segments.Count, "segment count changed in a round trip");
        for (var i = 0; i < segments.Count; i++)
        {
            var (a, b) = (segments[i], again.Segments[i]);
            Invariant.Check(a.Msn == b.Msn && a.DurationMillis == b.DurationMillis && a.MapUri == b.MapUri
                && a.ProgramDateTime == b.ProgramDateTime && (i == 0 || a.Discontinuity == b.Discontinuity),
                $"segment {a.Msn} changed in a round trip");
        }
    }

    private static void CheckMultivariant(string text)
    {
        var renditions = MasterPlaylistFilter.Renditions(text);
        Invariant.Check(renditions.All(ObjectNames.IsSafeName), "unsafe rendition name");
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToHashSet(StringComparer.Ordinal);
        var filtered = MasterPlaylistFilter.Filter(text, renditions.ToHashSet(StringComparer.Ordinal));
        Invariant.Check(filtered.Split('\n').All(l => l.Length == 0 || lines.Contains(l)), "filter invented a line");
    }

    private static void CheckTokenRewrite(string text)
    {
        var rewritten = PlaylistTokenRewriter.Rewrite(text, Token);
        var before = text.Split('\n');
        var after = rewritten.Split('\n');
        Invariant.Check(before.Length == after.Length, "token rewrite changed the line count");
        for (var i = 0; i < before.Length; i++)
        {
            var line = after[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(before[i]) || before[i][0] == '#') continue;
            Invariant.Check(line.EndsWith("token=" + Token, StringComparison.Ordinal), "URI line without the token");
        }
    }
}
