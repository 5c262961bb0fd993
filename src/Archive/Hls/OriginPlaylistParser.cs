using System.Globalization;

namespace Streaming.Archive.Hls;

/// <summary>
/// Reads the complete segments of an LL-HLS media playlist (RFC 8216bis): msn from EXT-X-MEDIA-SEQUENCE
/// (plus EXT-X-SKIP), EXTINF durations, the EXT-X-MAP in force, EXT-X-PROGRAM-DATE-TIME and
/// EXT-X-DISCONTINUITY. Parts, preload hints and rendition reports are skipped. Pure; false for text that is
/// not a media playlist, or whose segment and map URIs are not the origin's names (<see cref="Streaming.Shared.Hls.HlsNames"/>)
/// of that msn, or not all of one stream instance.
/// </summary>
public static class OriginPlaylistParser
{
    public const int MaxPlaylistChars = 4 * 1024 * 1024;

    public static bool TryParse(string text, out OriginPlaylist playlist)
    {
        playlist = new OriginPlaylist(0, 0, Array.Empty<ArchivedSegment>(), false);
        if (text.Length > MaxPlaylistChars || !text.StartsWith("#EXTM3U", StringComparison.Ordinal)) return false;
        var segments = new List<ArchivedSegment>();
        int target = 0;
        long mediaSequence = 0, msn = 0;
        string map = "", pdt = "";
        bool discontinuity = false, ended = false, sawMediaSequence = false;
        long? pendingDuration = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line[0] != '#')
            {
                // Sequence numbers are parsed non-negative: a negative one wrapped past long.MaxValue (msn++ or a skip).
                if (pendingDuration is not { } duration || msn < 0) return false;
                if (!ArchivedSegment.IsValid(msn, line, map)) return false;
                if (segments.Count > 0 && !ArchivedSegment.IsValid(msn, line, segments[0].MapUri)) return false; // one instance
                segments.Add(new ArchivedSegment(msn, line, duration, map, pdt, discontinuity));
                msn++;
                pendingDuration = null;
                discontinuity = false;
                pdt = "";
                continue;
            }
            if (TryValue(line, "#EXT-X-TARGETDURATION:", out var value))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out target)) return false;
            }
            else if (TryValue(line, "#EXT-X-MEDIA-SEQUENCE:", out value))
            {
                // Once, before the first segment (RFC 8216bis 4.4.3.2): a second one would renumber segments.
                if (sawMediaSequence || segments.Count > 0) return false;
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out mediaSequence)) return false;
                msn = mediaSequence;
                sawMediaSequence = true;
            }
            else if (TryValue(line, "#EXT-X-SKIP:SKIPPED-SEGMENTS=", out value))
            {
                if (segments.Count > 0) return false; // stands for segments before the first listed one
                var end = value.IndexOf(',');
                if (!long.TryParse(end < 0 ? value : value[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var skipped)) return false;
                msn += skipped;
            }
            else if (TryValue(line, "#EXT-X-MAP:", out value))
            {
                if (!TryQuotedAttribute(value, "URI", out map) || !ObjectNames.IsSafeName(map)) return false;
            }
            else if (TryValue(line, "#EXT-X-PROGRAM-DATE-TIME:", out value)) pdt = value;
            else if (line == "#EXT-X-DISCONTINUITY") discontinuity = true;
            else if (line == "#EXT-X-ENDLIST") ended = true;
            else if (TryValue(line, "#EXTINF:", out value))
            {
                var comma = value.IndexOf(',');
                if (!TryParseMillis(comma < 0 ? value : value[..comma], out var ms)) return false;
                pendingDuration = ms;
            }
        }
        if (!sawMediaSequence) return false;
        playlist = new OriginPlaylist(target, mediaSequence, segments, ended);
        return true;
    }

    /// <summary>Decimal seconds ("2.002", "2", "1.5") to milliseconds, rounded; no sign or exponent.</summary>
    public static bool TryParseMillis(string seconds, out long millis)
    {
        millis = 0;
        if (!decimal.TryParse(seconds, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value > 86_400) return false;
        millis = (long)Math.Round(value * 1000m, MidpointRounding.AwayFromZero);
        return true;
    }

    private static bool TryValue(string line, string tag, out string value)
    {
        value = line.StartsWith(tag, StringComparison.Ordinal) ? line[tag.Length..] : "";
        return line.StartsWith(tag, StringComparison.Ordinal);
    }

    private static bool TryQuotedAttribute(string attributes, string name, out string value)
    {
        value = "";
        var key = name + "=\"";
        var start = attributes.IndexOf(key, StringComparison.Ordinal);
        if (start < 0 || (start > 0 && attributes[start - 1] != ',')) return false;
        start += key.Length;
        var end = attributes.IndexOf('"', start);
        if (end < 0) return false;
        value = attributes[start..end];
        return true;
    }
}
