namespace Streaming.Transcode.Tests.Cmaf;

/// <summary>Runs ffmpeg/ffprobe for tests. A missing tool throws, so the test fails instead of skipping.</summary>
internal static class ExternalTool
{
    /// <summary>Runs the tool and returns stdout and stderr; a non-zero exit code throws.</summary>
    public static (string Stdout, string Stderr) Run(string tool, params string[] args) => ExternalProgram.Run(tool, args);

    /// <summary>ffprobe -show_streams (plus extra args) parsed into one key/value map per stream.</summary>
    public static List<Dictionary<string, string>> ProbeStreams(string path, params string[] extraArgs)
    {
        var (output, _) = Run("ffprobe", ["-v", "error", "-show_streams", .. extraArgs, path]);
        var streams = new List<Dictionary<string, string>>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line == "[STREAM]") streams.Add(new Dictionary<string, string>());
            var eq = line.IndexOf('=');
            if (eq > 0 && streams.Count > 0) streams[^1].TryAdd(line[..eq], line[(eq + 1)..]);
        }
        return streams;
    }
}
