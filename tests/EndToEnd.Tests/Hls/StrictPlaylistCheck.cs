using Streaming.Transcode.Tests.Hls;

namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>
/// The one place that calls the strict playlist parser shared with Transcode.Tests
/// (tests/Transcode.Tests/Hls/StrictPlaylistParser.cs, compiled into this project as a linked file).
/// </summary>
public static class StrictPlaylistCheck
{
    /// <summary>Every rule the strict parser finds broken in a media playlist; empty when it conforms.</summary>
    public static IReadOnlyList<string> MediaPlaylistViolations(string text) => StrictPlaylistParser.ParseMedia(text).Violations;

    /// <summary>Every rule the strict parser finds broken in a multivariant (master) playlist.</summary>
    public static IReadOnlyList<string> MasterPlaylistViolations(string text) => StrictPlaylistParser.ParseMaster(text).Violations;
}
