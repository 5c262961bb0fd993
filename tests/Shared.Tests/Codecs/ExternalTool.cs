namespace Streaming.Shared.Tests.Codecs;

/// <summary>Runs ffmpeg/ffprobe for tests. A missing tool throws, so the test fails instead of skipping.</summary>
internal static class ExternalTool
{
    public static string Run(string tool, params string[] args) => ExternalProgram.Run(tool, args).Stdout;

    /// <summary>Encodes a short lavfi test source to MP4 and returns the file bytes.</summary>
    public static byte[] EncodeMp4(params string[] encoderArgs)
    {
        var dir = Directory.CreateTempSubdirectory("codecs-");
        try
        {
            var path = Path.Combine(dir.FullName, "out.mp4");
            Run("ffmpeg", ["-v", "error", "-y", .. encoderArgs, "-f", "mp4", path]);
            return File.ReadAllBytes(path);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>ffprobe -show_streams of the first stream as key/value pairs.</summary>
    public static Dictionary<string, string> ProbeFirstStream(byte[] file)
    {
        var dir = Directory.CreateTempSubdirectory("codecs-");
        try
        {
            var path = Path.Combine(dir.FullName, "in.mp4");
            File.WriteAllBytes(path, file);
            var output = Run("ffprobe", "-v", "error", "-select_streams", "0", "-show_streams", path);
            var result = new Dictionary<string, string>();
            foreach (var line in output.Split('\n'))
            {
                var eq = line.IndexOf('=');
                if (eq > 0) result.TryAdd(line[..eq], line[(eq + 1)..].Trim());
            }
            return result;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
