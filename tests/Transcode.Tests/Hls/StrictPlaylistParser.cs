using System.Globalization;
using System.Text.RegularExpressions;

namespace Streaming.Transcode.Tests.Hls;

/// <summary>
/// A strict HLS playlist parser for tests, written from RFC 8216bis and Apple's LL-HLS rules; a single
/// self-contained file (BCL only) so other test projects can include it. It never throws on bad input:
/// it returns the parsed model plus every violation found. Checks: tag and attribute syntax and types,
/// required and single-instance tags, monotonic MSNs and part indices, EXTINF &lt;= TARGETDURATION (rounded),
/// parts &lt;= PART-TARGET (+1 ms) and &gt;= 85 % of it (except independent or last parts), LL-HLS server
/// control rules, EXT-X-SKIP rules, PDT on every segment (ISO 8601 with ms and Z) and PDT continuity
/// (within 50 ms except across a discontinuity), rendition reports and preload hints.
/// </summary>
public static partial class StrictPlaylistParser
{
    public sealed record Part(long Msn, int Index, decimal Duration, string Uri, bool Independent);

    public sealed class Segment
    {
        public long Msn { get; init; }
        public decimal Duration { get; set; }
        /// <summary>Null for the segment in progress (parts only).</summary>
        public string? Uri { get; set; }
        public DateTimeOffset? ProgramDateTime { get; set; }
        public bool Discontinuity { get; set; }
        public string? MapUri { get; set; }
        public List<Part> Parts { get; } = new();
        public bool IsComplete => Uri is not null;
    }

    public sealed record ServerControl(bool CanBlockReload, decimal? CanSkipUntil, decimal? HoldBack, decimal? PartHoldBack);
    public sealed record PreloadHint(string Type, string Uri);
    public sealed record RenditionReport(string Uri, long? LastMsn, int? LastPart);

    public sealed class MediaPlaylist
    {
        public int? Version { get; set; }
        public int? TargetDuration { get; set; }
        public decimal? PartTarget { get; set; }
        public long MediaSequence { get; set; }
        public long DiscontinuitySequence { get; set; }
        public int SkippedSegments { get; set; }
        public ServerControl? ServerControl { get; set; }
        public List<Segment> Segments { get; } = new();
        public Segment? InProgress { get; set; }
        public PreloadHint? PreloadHint { get; set; }
        public List<RenditionReport> RenditionReports { get; } = new();
        public bool EndList { get; set; }
        public List<string> Violations { get; } = new();
        public bool IsValid => Violations.Count == 0;
    }

    public sealed record Variant(long Bandwidth, long? AverageBandwidth, string? Codecs, string? Resolution, decimal? FrameRate, string Uri);

    public sealed class MasterPlaylist
    {
        public bool IndependentSegments { get; set; }
        public List<Variant> Variants { get; } = new();
        public List<string> Violations { get; } = new();
        public bool IsValid => Violations.Count == 0;
    }

    private static readonly HashSet<string> SingleMediaTags =
    [
        "EXT-X-VERSION", "EXT-X-TARGETDURATION", "EXT-X-MEDIA-SEQUENCE", "EXT-X-DISCONTINUITY-SEQUENCE",
        "EXT-X-SERVER-CONTROL", "EXT-X-PART-INF", "EXT-X-SKIP", "EXT-X-ENDLIST", "EXT-X-PLAYLIST-TYPE",
        "EXT-X-INDEPENDENT-SEGMENTS", "EXT-X-START", "EXT-X-I-FRAMES-ONLY",
    ];

    private static readonly HashSet<string> MasterOnlyTags =
        ["EXT-X-STREAM-INF", "EXT-X-MEDIA", "EXT-X-I-FRAME-STREAM-INF", "EXT-X-SESSION-DATA", "EXT-X-SESSION-KEY", "EXT-X-CONTENT-STEERING"];

    private static readonly HashSet<string> OtherKnownMediaTags =
        ["EXT-X-KEY", "EXT-X-BYTERANGE", "EXT-X-GAP", "EXT-X-BITRATE", "EXT-X-DATERANGE", "EXT-X-DEFINE", "EXT-X-PLAYLIST-TYPE",
         "EXT-X-INDEPENDENT-SEGMENTS", "EXT-X-START", "EXT-X-I-FRAMES-ONLY", "EXT-X-ENDLIST"];

    public static MediaPlaylist ParseMedia(string text)
    {
        var p = new MediaPlaylist();
        var v = p.Violations;
        var lines = SplitLines(text, v);
        if (lines.Count == 0 || lines[0] != "#EXTM3U") v.Add("line 1: playlist must start with #EXTM3U");
        var seen = new HashSet<string>();
        var pending = NewSegment(p, 0);
        var pendingExtinf = (decimal?)null;
        string? map = null;
        var sawSegmentTag = false;
        var sawPartInf = false;
        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = $"line {i + 1}";
            if (line.Length == 0) continue;
            if (!line.StartsWith('#'))
            {
                if (pendingExtinf is null) { v.Add($"{at}: URI '{line}' without EXTINF"); continue; }
                pending.Uri = line;
                pending.Duration = pendingExtinf.Value;
                pending.MapUri = map;
                p.Segments.Add(pending);
                pending = NewSegment(p, pending.Msn + 1);
                pendingExtinf = null;
                continue;
            }
            if (!line.StartsWith("#EXT")) continue; // a comment
            var colon = line.IndexOf(':');
            var name = colon < 0 ? line[1..] : line[1..colon];
            var value = colon < 0 ? null : line[(colon + 1)..];
            if (!TagName().IsMatch(name)) { v.Add($"{at}: malformed tag name '{name}'"); continue; }
            if (SingleMediaTags.Contains(name) && !seen.Add(name)) v.Add($"{at}: {name} appears more than once");
            if (MasterOnlyTags.Contains(name)) { v.Add($"{at}: {name} is a multivariant playlist tag"); continue; }
            if (name is "EXT-X-MEDIA-SEQUENCE" or "EXT-X-DISCONTINUITY-SEQUENCE" or "EXT-X-SKIP" or "EXT-X-TARGETDURATION"
                    or "EXT-X-PART-INF" or "EXT-X-SERVER-CONTROL" && sawSegmentTag)
                v.Add($"{at}: {name} must come before the first segment");
            switch (name)
            {
                case "EXT-X-VERSION": p.Version = RequireInt(value, at, name, v); break;
                case "EXT-X-TARGETDURATION": p.TargetDuration = RequireInt(value, at, name, v); break;
                case "EXT-X-MEDIA-SEQUENCE":
                    p.MediaSequence = RequireLong(value, at, name, v) ?? 0;
                    pending = NewSegment(p, p.MediaSequence + p.SkippedSegments);
                    break;
                case "EXT-X-DISCONTINUITY-SEQUENCE": p.DiscontinuitySequence = RequireLong(value, at, name, v) ?? 0; break;
                case "EXT-X-SERVER-CONTROL":
                {
                    var a = Attributes(value, at, v);
                    p.ServerControl = new ServerControl(
                        Enum(a, "CAN-BLOCK-RELOAD", at, v, "YES") == "YES",
                        Float(a, "CAN-SKIP-UNTIL", at, v), Float(a, "HOLD-BACK", at, v), Float(a, "PART-HOLD-BACK", at, v));
                    if (a.ContainsKey("CAN-SKIP-DATERANGES")) Enum(a, "CAN-SKIP-DATERANGES", at, v, "YES");
                    Unknown(a, at, v, "CAN-BLOCK-RELOAD", "CAN-SKIP-UNTIL", "CAN-SKIP-DATERANGES", "HOLD-BACK", "PART-HOLD-BACK");
                    break;
                }
                case "EXT-X-PART-INF":
                {
                    var a = Attributes(value, at, v);
                    p.PartTarget = Float(a, "PART-TARGET", at, v, required: true);
                    Unknown(a, at, v, "PART-TARGET");
                    sawPartInf = true;
                    break;
                }
                case "EXT-X-SKIP":
                {
                    var a = Attributes(value, at, v);
                    p.SkippedSegments = (int)(Int(a, "SKIPPED-SEGMENTS", at, v, required: true) ?? 0);
                    if (a.ContainsKey("RECENTLY-REMOVED-DATERANGES")) Quoted(a, "RECENTLY-REMOVED-DATERANGES", at, v);
                    Unknown(a, at, v, "SKIPPED-SEGMENTS", "RECENTLY-REMOVED-DATERANGES");
                    if (!seen.Contains("EXT-X-MEDIA-SEQUENCE")) v.Add($"{at}: EXT-X-SKIP before EXT-X-MEDIA-SEQUENCE");
                    pending = NewSegment(p, p.MediaSequence + p.SkippedSegments);
                    break;
                }
                case "EXT-X-MAP":
                {
                    var a = Attributes(value, at, v);
                    map = Quoted(a, "URI", at, v, required: true);
                    Unknown(a, at, v, "URI", "BYTERANGE");
                    break;
                }
                case "EXT-X-PROGRAM-DATE-TIME":
                    sawSegmentTag = true;
                    if (value is null || !DateTimeMs().IsMatch(value)
                        || !DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var pdt))
                        v.Add($"{at}: EXT-X-PROGRAM-DATE-TIME '{value}' is not yyyy-MM-ddTHH:mm:ss.fffZ");
                    else pending.ProgramDateTime = pdt;
                    break;
                case "EXT-X-DISCONTINUITY":
                    sawSegmentTag = true;
                    if (value is not null) v.Add($"{at}: EXT-X-DISCONTINUITY takes no value");
                    pending.Discontinuity = true;
                    break;
                case "EXTINF":
                {
                    sawSegmentTag = true;
                    if (pendingExtinf is not null) v.Add($"{at}: EXTINF follows an EXTINF without URI");
                    var comma = value?.IndexOf(',') ?? -1;
                    var number = comma < 0 ? value : value![..comma];
                    if (comma < 0) v.Add($"{at}: EXTINF needs a comma after the duration");
                    if (number is null || !DecimalFloat().IsMatch(number)) { v.Add($"{at}: EXTINF duration '{number}' malformed"); pendingExtinf = 0; break; }
                    if (number.IndexOf('.') is var dot && (dot < 0 || number.Length - dot - 1 < 3)) v.Add($"{at}: EXTINF '{number}' has fewer than 3 decimals");
                    pendingExtinf = decimal.Parse(number, CultureInfo.InvariantCulture);
                    break;
                }
                case "EXT-X-PART":
                {
                    sawSegmentTag = true;
                    var a = Attributes(value, at, v);
                    var duration = Float(a, "DURATION", at, v, required: true) ?? 0;
                    var uri = Quoted(a, "URI", at, v, required: true) ?? "";
                    var independent = a.ContainsKey("INDEPENDENT") && Enum(a, "INDEPENDENT", at, v, "YES") == "YES";
                    if (a.ContainsKey("GAP")) Enum(a, "GAP", at, v, "YES");
                    Unknown(a, at, v, "DURATION", "URI", "INDEPENDENT", "BYTERANGE", "GAP");
                    if (!sawPartInf) v.Add($"{at}: EXT-X-PART without EXT-X-PART-INF");
                    pending.Parts.Add(new Part(pending.Msn, pending.Parts.Count, duration, uri, independent));
                    break;
                }
                case "EXT-X-PRELOAD-HINT":
                {
                    var a = Attributes(value, at, v);
                    var type = Enum(a, "TYPE", at, v, "PART", "MAP") ?? "";
                    var uri = Quoted(a, "URI", at, v, required: true) ?? "";
                    if (a.ContainsKey("BYTERANGE-START")) Int(a, "BYTERANGE-START", at, v);
                    if (a.ContainsKey("BYTERANGE-LENGTH")) Int(a, "BYTERANGE-LENGTH", at, v);
                    Unknown(a, at, v, "TYPE", "URI", "BYTERANGE-START", "BYTERANGE-LENGTH");
                    if (type == "PART")
                    {
                        if (p.PreloadHint is not null) v.Add($"{at}: more than one EXT-X-PRELOAD-HINT TYPE=PART");
                        p.PreloadHint = new PreloadHint(type, uri);
                    }
                    break;
                }
                case "EXT-X-RENDITION-REPORT":
                {
                    var a = Attributes(value, at, v);
                    var uri = Quoted(a, "URI", at, v, required: true) ?? "";
                    var msn = Int(a, "LAST-MSN", at, v, required: true);
                    var part = Int(a, "LAST-PART", at, v, required: sawPartInf);
                    Unknown(a, at, v, "URI", "LAST-MSN", "LAST-PART");
                    p.RenditionReports.Add(new RenditionReport(uri, msn, (int?)part));
                    break;
                }
                case "EXT-X-ENDLIST": p.EndList = true; break;
                case "EXTM3U": v.Add($"{at}: #EXTM3U repeated"); break;
                default:
                    if (!OtherKnownMediaTags.Contains(name)) v.Add($"{at}: unknown tag {name}");
                    break;
            }
        }
        if (pendingExtinf is not null) v.Add("EXTINF at the end without URI");
        if (pending.Parts.Count > 0) { pending.MapUri = map; p.InProgress = pending; }
        else if (pending.Discontinuity || pending.ProgramDateTime is not null) v.Add("segment tags at the end without segment or part");
        Validate(p);
        return p;
    }

    private static Segment NewSegment(MediaPlaylist p, long msn) => new() { Msn = msn };

    private static void Validate(MediaPlaylist p)
    {
        var v = p.Violations;
        if (p.TargetDuration is null) v.Add("EXT-X-TARGETDURATION is required");
        var usesMap = p.Segments.Any(s => s.MapUri is not null) || p.InProgress?.MapUri is not null;
        if (usesMap && (p.Version ?? 1) < 6) v.Add("EXT-X-MAP needs EXT-X-VERSION >= 6");
        if (p.Segments.Any(s => decimal.Truncate(s.Duration) != s.Duration) && (p.Version ?? 1) < 3) v.Add("decimal EXTINF needs EXT-X-VERSION >= 3");
        var sc = p.ServerControl;
        if (p.PartTarget is { } pt)
        {
            if (sc?.PartHoldBack is not { } phb) v.Add("EXT-X-PART-INF requires EXT-X-SERVER-CONTROL PART-HOLD-BACK");
            else if (phb < 3 * pt) v.Add($"PART-HOLD-BACK {phb} is less than 3 x PART-TARGET {pt}");
            if (sc is null || !sc.CanBlockReload) v.Add("LL-HLS playlist without CAN-BLOCK-RELOAD=YES");
            if (!p.EndList && p.PreloadHint is null) v.Add("live LL-HLS playlist without EXT-X-PRELOAD-HINT TYPE=PART");
        }
        if (sc?.CanSkipUntil is { } skipUntil && p.TargetDuration is { } tdForSkip && skipUntil < 6 * tdForSkip)
            v.Add($"CAN-SKIP-UNTIL {skipUntil} is less than 6 x TARGETDURATION");
        if (sc?.HoldBack is { } hb && p.TargetDuration is { } tdForHold && hb < 3 * tdForHold) v.Add("HOLD-BACK below 3 x TARGETDURATION");
        if (p.SkippedSegments > 0)
        {
            if ((p.Version ?? 1) < 9) v.Add("EXT-X-SKIP needs EXT-X-VERSION >= 9");
            if (sc?.CanSkipUntil is null) v.Add("EXT-X-SKIP without CAN-SKIP-UNTIL");
            else if (p.TargetDuration is not null)
            {
                // The skipped segments must all be older than the skip boundary: what is left must span at least CAN-SKIP-UNTIL.
                var left = p.Segments.Sum(s => s.Duration);
                if (left < sc.CanSkipUntil.Value - 0.001m) v.Add($"EXT-X-SKIP skipped segments newer than CAN-SKIP-UNTIL (kept {left}s)");
            }
        }
        var all = p.InProgress is null ? p.Segments : p.Segments.Append(p.InProgress).ToList();
        Segment? previous = null;
        foreach (var s in all)
        {
            var at = $"segment {s.Msn}";
            if (previous is not null && s.Msn != previous.Msn + 1) v.Add($"{at}: MSN does not follow {previous.Msn}");
            if (s.ProgramDateTime is null) v.Add($"{at}: no EXT-X-PROGRAM-DATE-TIME");
            if (s.IsComplete && p.TargetDuration is { } td && Math.Round(s.Duration, MidpointRounding.AwayFromZero) > td)
                v.Add($"{at}: EXTINF {s.Duration} exceeds TARGETDURATION {td}");
            if (s.IsComplete && s.Duration <= 0) v.Add($"{at}: EXTINF must be positive");
            for (var i = 0; i < s.Parts.Count; i++)
            {
                var part = s.Parts[i];
                if (p.PartTarget is not { } target) break;
                if (part.Duration > target + 0.001m) v.Add($"{at} part {i}: DURATION {part.Duration} exceeds PART-TARGET {target}");
                // The last listed part is exempt: it is the segment's final part, or may become it.
                if (!part.Independent && i < s.Parts.Count - 1 && part.Duration < 0.85m * target - 0.001m)
                    v.Add($"{at} part {i}: DURATION {part.Duration} is below 85% of PART-TARGET");
                if (part.Duration <= 0) v.Add($"{at} part {i}: DURATION must be positive");
            }
            if (s.IsComplete && s.Parts.Count > 0)
            {
                var sum = s.Parts.Sum(x => x.Duration);
                if (Math.Abs(sum - s.Duration) > 0.001m * s.Parts.Count) v.Add($"{at}: parts sum to {sum}, EXTINF is {s.Duration}");
            }
            if (previous is { IsComplete: true, ProgramDateTime: { } a } && s.ProgramDateTime is { } b && !s.Discontinuity)
            {
                var drift = (decimal)(b - a).TotalSeconds - previous.Duration;
                if (Math.Abs(drift) > 0.050m) v.Add($"{at}: PROGRAM-DATE-TIME jumps {drift:0.000}s from segment {previous.Msn} without discontinuity");
            }
            previous = s;
        }
        var partsSeen = all.Any(s => s.Parts.Count > 0);
        if (partsSeen && p.PartTarget is null) v.Add("EXT-X-PART present without EXT-X-PART-INF");
        if (p.PreloadHint is { } hint && all.SelectMany(s => s.Parts).Any(x => x.Uri == hint.Uri)) v.Add($"preload hint {hint.Uri} names an existing part");
        foreach (var r in p.RenditionReports)
        {
            if (r.LastMsn is < 0) v.Add($"rendition report {r.Uri}: negative LAST-MSN");
            if (r.LastPart is < 0) v.Add($"rendition report {r.Uri}: negative LAST-PART");
        }
    }

    public static MasterPlaylist ParseMaster(string text)
    {
        var m = new MasterPlaylist();
        var v = m.Violations;
        var lines = SplitLines(text, v);
        if (lines.Count == 0 || lines[0] != "#EXTM3U") v.Add("line 1: playlist must start with #EXTM3U");
        Dictionary<string, string>? pendingInf = null;
        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = $"line {i + 1}";
            if (line.Length == 0) continue;
            if (!line.StartsWith('#'))
            {
                if (pendingInf is null) { v.Add($"{at}: URI without EXT-X-STREAM-INF"); continue; }
                var bandwidth = Int(pendingInf, "BANDWIDTH", at, v, required: true) ?? 0;
                var average = Int(pendingInf, "AVERAGE-BANDWIDTH", at, v);
                var codecs = pendingInf.ContainsKey("CODECS") ? Quoted(pendingInf, "CODECS", at, v) : null;
                string? resolution = null;
                if (pendingInf.TryGetValue("RESOLUTION", out var res))
                {
                    if (!Resolution().IsMatch(res)) v.Add($"{at}: RESOLUTION '{res}' malformed");
                    resolution = res;
                }
                var frameRate = Float(pendingInf, "FRAME-RATE", at, v);
                if (frameRate is not null && pendingInf["FRAME-RATE"] is var fr && (fr.IndexOf('.') < 0 || fr.Length - fr.IndexOf('.') - 1 != 3))
                    v.Add($"{at}: FRAME-RATE '{fr}' should have 3 decimals");
                if (average > bandwidth) v.Add($"{at}: AVERAGE-BANDWIDTH exceeds BANDWIDTH");
                Unknown(pendingInf, at, v, "BANDWIDTH", "AVERAGE-BANDWIDTH", "CODECS", "RESOLUTION", "FRAME-RATE", "AUDIO", "VIDEO",
                    "SUBTITLES", "CLOSED-CAPTIONS", "HDCP-LEVEL", "VIDEO-RANGE", "SCORE", "SUPPLEMENTAL-CODECS", "ALLOWED-CPC",
                    "STABLE-VARIANT-ID", "PATHWAY-ID", "REQ-VIDEO-LAYOUT");
                m.Variants.Add(new Variant(bandwidth, average, codecs, resolution, frameRate, line));
                pendingInf = null;
                continue;
            }
            if (!line.StartsWith("#EXT")) continue;
            var colon = line.IndexOf(':');
            var name = colon < 0 ? line[1..] : line[1..colon];
            var value = colon < 0 ? null : line[(colon + 1)..];
            switch (name)
            {
                case "EXT-X-STREAM-INF":
                    if (pendingInf is not null) v.Add($"{at}: EXT-X-STREAM-INF without URI");
                    pendingInf = Attributes(value, at, v);
                    break;
                case "EXT-X-INDEPENDENT-SEGMENTS": m.IndependentSegments = true; break;
                case "EXT-X-VERSION": RequireInt(value, at, name, v); break;
                case "EXT-X-MEDIA" or "EXT-X-SESSION-DATA" or "EXT-X-I-FRAME-STREAM-INF" or "EXT-X-START" or "EXT-X-DEFINE"
                    or "EXT-X-SESSION-KEY" or "EXT-X-CONTENT-STEERING": break;
                default: v.Add($"{at}: {name} does not belong in a multivariant playlist"); break;
            }
        }
        if (pendingInf is not null) v.Add("EXT-X-STREAM-INF at the end without URI");
        if (m.Variants.Count == 0) v.Add("no variant");
        return m;
    }

    private static List<string> SplitLines(string text, List<string> v)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') v.Add("playlist starts with a BOM");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < 0x20 && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) { v.Add($"control character U+{(int)c:X4} at offset {i}"); break; }
        }
        if (!text.EndsWith('\n')) v.Add("playlist does not end with a line break");
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        for (var i = 0; i < lines.Count; i++) if (lines[i] != lines[i].Trim()) v.Add($"line {i + 1}: leading or trailing whitespace");
        return lines;
    }

    /// <summary>attribute-list: AttributeName=AttributeValue pairs separated by commas (4.2).</summary>
    private static Dictionary<string, string> Attributes(string? value, string at, List<string> v)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(value)) { v.Add($"{at}: empty attribute list"); return result; }
        var i = 0;
        while (i < value.Length)
        {
            var eq = value.IndexOf('=', i);
            if (eq < 0) { v.Add($"{at}: attribute without '=' in '{value[i..]}'"); break; }
            var name = value[i..eq];
            if (!AttributeName().IsMatch(name)) v.Add($"{at}: malformed attribute name '{name}'");
            int end;
            if (eq + 1 < value.Length && value[eq + 1] == '"')
            {
                var close = value.IndexOf('"', eq + 2);
                if (close < 0) { v.Add($"{at}: unterminated quoted string for {name}"); break; }
                end = close + 1;
            }
            else
            {
                end = value.IndexOf(',', eq + 1);
                if (end < 0) end = value.Length;
            }
            if (!result.TryAdd(name, value[(eq + 1)..end])) v.Add($"{at}: attribute {name} repeated");
            if (end < value.Length && value[end] != ',') { v.Add($"{at}: expected ',' after {name}"); break; }
            i = end + 1;
            if (end == value.Length - 1) v.Add($"{at}: trailing comma");
        }
        return result;
    }

    private static void Unknown(Dictionary<string, string> a, string at, List<string> v, params string[] known)
    {
        foreach (var key in a.Keys) if (Array.IndexOf(known, key) < 0) v.Add($"{at}: unexpected attribute {key}");
    }

    private static int? RequireInt(string? value, string at, string tag, List<string> v)
    {
        if (value is null || !DecimalInteger().IsMatch(value) || !int.TryParse(value, CultureInfo.InvariantCulture, out var n)) { v.Add($"{at}: {tag} needs a decimal-integer, got '{value}'"); return null; }
        return n;
    }

    private static long? RequireLong(string? value, string at, string tag, List<string> v)
    {
        if (value is null || !DecimalInteger().IsMatch(value) || !long.TryParse(value, CultureInfo.InvariantCulture, out var n)) { v.Add($"{at}: {tag} needs a decimal-integer, got '{value}'"); return null; }
        return n;
    }

    private static long? Int(Dictionary<string, string> a, string key, string at, List<string> v, bool required = false)
    {
        if (!a.TryGetValue(key, out var s)) { if (required) v.Add($"{at}: {key} is required"); return null; }
        if (!DecimalInteger().IsMatch(s) || !long.TryParse(s, CultureInfo.InvariantCulture, out var n)) { v.Add($"{at}: {key} '{s}' is not a decimal-integer"); return null; }
        return n;
    }

    private static decimal? Float(Dictionary<string, string> a, string key, string at, List<string> v, bool required = false)
    {
        if (!a.TryGetValue(key, out var s)) { if (required) v.Add($"{at}: {key} is required"); return null; }
        if (!DecimalFloat().IsMatch(s)) { v.Add($"{at}: {key} '{s}' is not a decimal-floating-point"); return null; }
        return decimal.Parse(s, CultureInfo.InvariantCulture);
    }

    private static string? Quoted(Dictionary<string, string> a, string key, string at, List<string> v, bool required = false)
    {
        if (!a.TryGetValue(key, out var s)) { if (required) v.Add($"{at}: {key} is required"); return null; }
        if (s.Length < 2 || s[0] != '"' || s[^1] != '"' || s.AsSpan(1, s.Length - 2).IndexOfAny('"', '\r', '\n') >= 0)
        { v.Add($"{at}: {key} must be a quoted-string"); return null; }
        return s[1..^1];
    }

    private static string? Enum(Dictionary<string, string> a, string key, string at, List<string> v, params string[] allowed)
    {
        if (!a.TryGetValue(key, out var s)) { v.Add($"{at}: {key} is required"); return null; }
        if (Array.IndexOf(allowed, s) < 0) { v.Add($"{at}: {key}={s} is not one of {string.Join('|', allowed)}"); return null; }
        return s;
    }

    [GeneratedRegex("^EXT(M3U|INF|-X-[A-Z0-9-]+)$")] private static partial Regex TagName();
    [GeneratedRegex("^[A-Z0-9-]+$")] private static partial Regex AttributeName();
    [GeneratedRegex("^[0-9]{1,20}$")] private static partial Regex DecimalInteger();
    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?$")] private static partial Regex DecimalFloat();
    [GeneratedRegex("^[0-9]+x[0-9]+$")] private static partial Regex Resolution();
    [GeneratedRegex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$")] private static partial Regex DateTimeMs();
}
