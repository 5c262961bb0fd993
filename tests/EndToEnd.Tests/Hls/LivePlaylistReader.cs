using System.Globalization;

namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>
/// Lenient reader of live media playlists for navigation in end-to-end tests (MSNs, parts, hints).
/// Conformance is judged by the strict parser (<see cref="StrictPlaylistCheck"/>), not here.
/// </summary>
public static class LivePlaylistReader
{
    public static LivePlaylist Read(string text)
    {
        double targetDuration = 0;
        double? partTarget = null, canSkipUntil = null;
        var canBlockReload = false;
        long mediaSequence = 0, discontinuitySequence = 0;
        int? skipped = null;
        string? preloadHint = null, map = null;
        var endList = false;
        var segments = new List<LiveSegment>();

        var parts = new List<LivePart>();
        DateTimeOffset? pdt = null;
        var discontinuity = false;
        double? extinf = null;
        long nextMsn = -1;

        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (nextMsn < 0 && line.StartsWith("#EXTINF", StringComparison.Ordinal) || nextMsn < 0 && line.StartsWith("#EXT-X-PART:", StringComparison.Ordinal))
            {
                nextMsn = mediaSequence + (skipped ?? 0);
            }

            if (TryTag(line, "#EXT-X-TARGETDURATION:", out var v)) targetDuration = Number(v);
            else if (TryTag(line, "#EXT-X-MEDIA-SEQUENCE:", out v)) mediaSequence = long.Parse(v, CultureInfo.InvariantCulture);
            else if (TryTag(line, "#EXT-X-DISCONTINUITY-SEQUENCE:", out v)) discontinuitySequence = long.Parse(v, CultureInfo.InvariantCulture);
            else if (TryTag(line, "#EXT-X-PART-INF:", out v)) partTarget = NumberAttribute(v, "PART-TARGET");
            else if (TryTag(line, "#EXT-X-SERVER-CONTROL:", out v))
            {
                canBlockReload = Attribute(v, "CAN-BLOCK-RELOAD") == "YES";
                canSkipUntil = NumberAttribute(v, "CAN-SKIP-UNTIL");
            }
            else if (TryTag(line, "#EXT-X-SKIP:", out v)) skipped = (int?)NumberAttribute(v, "SKIPPED-SEGMENTS");
            else if (TryTag(line, "#EXT-X-MAP:", out v)) map = Attribute(v, "URI");
            else if (TryTag(line, "#EXT-X-PROGRAM-DATE-TIME:", out v)) pdt = DateTimeOffset.Parse(v, CultureInfo.InvariantCulture);
            else if (line == "#EXT-X-DISCONTINUITY") discontinuity = true;
            else if (line == "#EXT-X-ENDLIST") endList = true;
            else if (TryTag(line, "#EXT-X-PART:", out v))
            {
                parts.Add(new LivePart(NumberAttribute(v, "DURATION") ?? 0, Attribute(v, "URI") ?? string.Empty, Attribute(v, "INDEPENDENT") == "YES"));
            }
            else if (TryTag(line, "#EXT-X-PRELOAD-HINT:", out v)) preloadHint = Attribute(v, "URI");
            else if (TryTag(line, "#EXTINF:", out v)) extinf = Number(v.Split(',')[0]);
            else if (!line.StartsWith('#'))
            {
                segments.Add(new LiveSegment(nextMsn++, extinf ?? 0, line, pdt, discontinuity, map, parts.ToArray()));
                parts.Clear();
                (pdt, discontinuity, extinf) = (null, false, null);
            }
        }

        if (parts.Count > 0)
        {
            segments.Add(new LiveSegment(nextMsn < 0 ? mediaSequence : nextMsn, 0, null, pdt, discontinuity, map, parts.ToArray()));
        }

        return new LivePlaylist(text, targetDuration, partTarget, canSkipUntil, canBlockReload, mediaSequence,
            discontinuitySequence, skipped, segments, preloadHint, endList);
    }

    private static bool TryTag(string line, string tag, out string value)
    {
        value = line.StartsWith(tag, StringComparison.Ordinal) ? line[tag.Length..] : string.Empty;
        return value.Length > 0 || line == tag;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double? NumberAttribute(string list, string name) => Attribute(list, name) is { } v ? Number(v) : null;

    /// <summary>Value of NAME=value or NAME="value" in an attribute list (quoted commas respected).</summary>
    private static string? Attribute(string list, string name)
    {
        var i = 0;
        while (i < list.Length)
        {
            var eq = list.IndexOf('=', i);
            if (eq < 0) return null;
            var key = list[i..eq];
            var start = eq + 1;
            int end;
            string value;
            if (start < list.Length && list[start] == '"')
            {
                end = list.IndexOf('"', start + 1);
                if (end < 0) return null;
                value = list[(start + 1)..end];
                end++;
            }
            else
            {
                end = list.IndexOf(',', start);
                if (end < 0) end = list.Length;
                value = list[start..end];
            }

            if (key == name) return value;
            i = end + 1;
        }

        return null;
    }
}
