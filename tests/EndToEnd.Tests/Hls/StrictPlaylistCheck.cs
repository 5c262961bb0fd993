namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>
/// The one place that calls the strict playlist parser shared with Transcode.Tests
/// (tests/Transcode.Tests/Hls/StrictPlaylistParser.cs, linked into this project when it exists).
/// </summary>
public static class StrictPlaylistCheck
{
    /// <summary>Every rule the strict parser finds broken in a media playlist; empty when it conforms.</summary>
    public static IReadOnlyList<string> MediaPlaylistViolations(string text)
    {
#if STRICT_PLAYLIST_PARSER
        var parsed = Streaming.Transcode.Tests.Hls.StrictPlaylistParser.Parse(text);
        return parsed.Violations.Select(v => v.ToString() ?? string.Empty).ToList();
#else
        _ = text;
        return ["strict playlist parser not linked: tests/Transcode.Tests/Hls/StrictPlaylistParser.cs is missing"];
#endif
    }
}
