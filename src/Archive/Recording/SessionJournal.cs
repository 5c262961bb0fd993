using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Streaming.Archive.Hls;
using Streaming.Archive.Storage;

namespace Streaming.Archive.Recording;

/// <summary>
/// The durable record of a session being recorded, in <c>{spool}/sessions/{stream}/{session}/</c>:
/// <c>session.json</c> (origin, multivariant playlist) and one append-only <c>{rendition}.journal</c> with a
/// line per spooled segment (msn, object name, duration ms, map, program date-time, discontinuity; tab-separated). After a crash the archiver rebuilds the playlists from it and resumes; a torn
/// last line is ignored (that segment is fetched again if the origin still has it).
/// </summary>
public sealed class SessionJournal
{
    private const string SessionFile = "session.json";
    private const string JournalExtension = ".journal";

    public sealed record Info(string Stream, string Session, string Origin, string Master, int TargetDuration);

    private SessionJournal(string directory, Info info, Dictionary<string, List<ArchivedSegment>> renditions)
    {
        Directory = directory;
        Current = info;
        Renditions = renditions;
    }

    public string Directory { get; }
    public Info Current { get; private set; }
    public Dictionary<string, List<ArchivedSegment>> Renditions { get; }

    /// <summary>
    /// Creates the session's directory and <c>session.json</c>. A disk that cannot take it (full, read-only)
    /// is an outcome, not a fault: false with the error, and nothing is left behind.
    /// </summary>
    public static bool TryCreate(string spoolDirectory, Info info, [NotNullWhen(true)] out SessionJournal? journal,
        [NotNullWhen(false)] out Exception? error)
    {
        var directory = Path.Combine(spoolDirectory, "sessions", info.Stream, info.Session);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            Write(directory, info);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDeleteDirectory(directory);
            journal = null;
            error = e;
            return false;
        }
        journal = new SessionJournal(directory, info, new Dictionary<string, List<ArchivedSegment>>(StringComparer.Ordinal));
        error = null;
        return true;
    }

    public static bool Exists(string spoolDirectory, string stream, string session) =>
        System.IO.Directory.Exists(Path.Combine(spoolDirectory, "sessions", stream, session));

    /// <summary>Every session left open by an earlier run.</summary>
    public static IReadOnlyList<SessionJournal> LoadAll(string spoolDirectory)
    {
        var root = Path.Combine(spoolDirectory, "sessions");
        var result = new List<SessionJournal>();
        if (!System.IO.Directory.Exists(root)) return result;
        foreach (var directory in System.IO.Directory.EnumerateDirectories(root).SelectMany(System.IO.Directory.EnumerateDirectories))
        {
            Info? info;
            try { info = JsonSerializer.Deserialize<Info>(File.ReadAllBytes(Path.Combine(directory, SessionFile))); }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException) { info = null; }
            if (info is null)
            {
                // Created but never saved: nothing was spooled for it.
                TryDeleteDirectory(directory);
                continue;
            }
            var renditions = new Dictionary<string, List<ArchivedSegment>>(StringComparer.Ordinal);
            foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*" + JournalExtension))
            {
                renditions[Path.GetFileNameWithoutExtension(file)] = Parse(File.ReadAllText(file));
            }
            result.Add(new SessionJournal(directory, info, renditions));
        }
        return result;
    }

    /// <summary>Updates <see cref="Current"/> and writes it; false with the error when the disk refused (the old file stays).</summary>
    public bool TrySave(Info info, [NotNullWhen(false)] out Exception? error)
    {
        Current = info;
        try { Write(Directory, info); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e;
            return false;
        }
        error = null;
        return true;
    }

    public void Append(string rendition, ArchivedSegment segment)
    {
        var line = string.Join('\t', segment.Msn.ToString(CultureInfo.InvariantCulture), segment.Uri, segment.DurationMillis.ToString(CultureInfo.InvariantCulture),
            segment.MapUri, segment.ProgramDateTime, segment.Discontinuity ? "1" : "0") + "\n";
        DurableFile.Append(Path.Combine(Directory, rendition + JournalExtension), Encoding.UTF8.GetBytes(line));
    }

    public void Delete()
    {
        TryDeleteDirectory(Directory);
        var streamDirectory = Path.GetDirectoryName(Directory)!;
        try { System.IO.Directory.Delete(streamDirectory); }
        catch (IOException) { }
    }

    /// <summary>Journal lines to segments; stops at the first incomplete or malformed line.</summary>
    public static List<ArchivedSegment> Parse(string text)
    {
        var segments = new List<ArchivedSegment>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var f = lines[i].Split('\t');
            if (f.Length != 6 || !long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var msn)
                || !long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || !ArchivedSegment.IsValid(msn, f[1], f[3])
                || f[5] is not ("0" or "1")) break;
            if (segments.Count > 0 && msn <= segments[^1].Msn) continue;
            segments.Add(new ArchivedSegment(msn, f[1], ms, f[3], f[4], f[5] == "1"));
        }
        return segments;
    }

    private static void Write(string directory, Info info) =>
        DurableFile.Write(Path.Combine(directory, SessionFile), JsonSerializer.SerializeToUtf8Bytes(info));

    private static void TryDeleteDirectory(string directory)
    {
        try { System.IO.Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
