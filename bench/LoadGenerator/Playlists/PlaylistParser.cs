using System.Globalization;

namespace Streaming.Bench.LoadGenerator.Playlists;

/// <summary>Just enough M3U8 parsing for a simulated LL-HLS player. Pure.</summary>
public static class PlaylistParser
{
    public static IReadOnlyList<Variant> ParseMultivariant(string text)
    {
        var variants = new List<Variant>();
        string? pending = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)) pending = line;
            else if (pending is not null && line.Length > 0 && !line.StartsWith('#'))
            {
                var attributes = pending["#EXT-X-STREAM-INF:".Length..];
                long.TryParse(Attribute(attributes, "BANDWIDTH"), NumberStyles.None, CultureInfo.InvariantCulture, out var bandwidth);
                variants.Add(new Variant(line, bandwidth, Attribute(attributes, "RESOLUTION")));
                pending = null;
            }
        }
        return variants;
    }

    public static bool TryParseMedia(string text, out MediaPlaylist playlist)
    {
        playlist = null!;
        if (!text.StartsWith("#EXTM3U", StringComparison.Ordinal)) return false;
        var parts = new List<MediaPart>();
        string? map = null, hint = null;
        double holdBack = 0, partTarget = 0;
        long msn = 0;
        var partIndex = 0;
        var segmentStart = double.NaN;
        var offset = 0.0;
        var lastWasSegment = true;
        double? extinf = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (!line.StartsWith('#'))
            {
                if (extinf is { } duration)
                {
                    msn++;
                    partIndex = 0;
                    segmentStart = double.IsNaN(segmentStart) ? double.NaN : segmentStart + duration * 1000;
                    offset = 0;
                    lastWasSegment = true;
                    extinf = null;
                }
                continue;
            }
            var colon = line.IndexOf(':');
            var tag = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            switch (tag)
            {
                case "#EXT-X-MEDIA-SEQUENCE":
                    long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out msn);
                    break;
                case "#EXT-X-SKIP":
                    if (long.TryParse(Attribute(value, "SKIPPED-SEGMENTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var skipped)) msn += skipped;
                    break;
                case "#EXT-X-PROGRAM-DATE-TIME":
                    if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var pdt))
                    {
                        segmentStart = pdt.ToUnixTimeMilliseconds() + (pdt.Ticks % TimeSpan.TicksPerMillisecond) / 10_000.0;
                        offset = 0;
                    }
                    break;
                case "#EXT-X-SERVER-CONTROL":
                    holdBack = Number(Attribute(value, "PART-HOLD-BACK"));
                    break;
                case "#EXT-X-PART-INF":
                    partTarget = Number(Attribute(value, "PART-TARGET"));
                    break;
                case "#EXT-X-MAP":
                    map = Attribute(value, "URI");
                    break;
                case "#EXT-X-PRELOAD-HINT":
                    if (Attribute(value, "TYPE") == "PART") hint = Attribute(value, "URI");
                    break;
                case "#EXTINF":
                    extinf = Number(value.Split(',')[0]);
                    break;
                case "#EXT-X-PART":
                    var uri = Attribute(value, "URI");
                    if (uri is null) break;
                    var partDuration = Number(Attribute(value, "DURATION"));
                    parts.Add(new MediaPart(uri, new PartPosition(msn, partIndex), partDuration,
                        segmentStart + offset * 1000, Attribute(value, "INDEPENDENT") == "YES"));
                    partIndex++;
                    offset += partDuration;
                    lastWasSegment = false;
                    break;
            }
        }
        if (holdBack <= 0) holdBack = 3 * partTarget;
        var next = lastWasSegment || parts.Count == 0 ? new PartPosition(msn, 0) : new PartPosition(msn, partIndex);
        playlist = new MediaPlaylist(parts, map, hint, holdBack, partTarget, next);
        return true;
    }

    /// <summary>Value of NAME in an attribute list (quotes removed); null when absent.</summary>
    public static string? Attribute(string attributes, string name)
    {
        var i = 0;
        while (i < attributes.Length)
        {
            var eq = attributes.IndexOf('=', i);
            if (eq < 0) return null;
            var key = attributes[i..eq].Trim();
            string val;
            int end;
            if (eq + 1 < attributes.Length && attributes[eq + 1] == '"')
            {
                var close = attributes.IndexOf('"', eq + 2);
                if (close < 0) return null;
                val = attributes[(eq + 2)..close];
                end = attributes.IndexOf(',', close);
            }
            else
            {
                end = attributes.IndexOf(',', eq);
                val = end < 0 ? attributes[(eq + 1)..] : attributes[(eq + 1)..end];
            }
            if (key == name) return val;
            if (end < 0) return null;
            i = end + 1;
        }
        return null;
    }

    private static double Number(string? s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
