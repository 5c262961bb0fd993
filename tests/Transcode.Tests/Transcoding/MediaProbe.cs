using Streaming.Transcode.Tests.Cmaf;

namespace Streaming.Transcode.Tests.Transcoding;

/// <summary>ffprobe/ffmpeg views of a produced rendition file.</summary>
internal static class MediaProbe
{
    public static Dictionary<string, string> Video(string path) =>
        ExternalTool.ProbeStreams(path, "-count_packets").Single(s => s["codec_type"] == "video");

    public static List<Dictionary<string, string>> Streams(string path) => ExternalTool.ProbeStreams(path);

    /// <summary>Indices (in decode order) of the video packets flagged as keyframes.</summary>
    public static List<int> KeyframeIndices(string path)
    {
        var (output, _) = ExternalTool.Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=flags",
            "-of", "csv=p=0", path);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Select((flags, index) => (flags, index)).Where(p => p.flags.StartsWith('K')).Select(p => p.index).ToList();
    }

    /// <summary>Everything ffmpeg reports at level error while decoding the whole file (empty = clean).</summary>
    public static string DecodeErrors(string path) =>
        ExternalTool.Run("ffmpeg", "-v", "error", "-i", path, "-f", "null", "-").Stderr.Trim();
}
