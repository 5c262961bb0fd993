namespace Streaming.EndToEnd.Tests.Infrastructure;

/// <summary>External command-line tools the end-to-end tests drive. A missing tool fails the test (never skips).</summary>
public static class Tool
{
    /// <summary>Returns the full path of <paramref name="name"/> on PATH or fails the test with an install hint.</summary>
    public static string Require(string name)
    {
        var path = Find(name);
        if (path is null)
        {
            Assert.Fail($"Required tool '{name}' was not found on PATH. It is a prerequisite of the end-to-end tests; " +
                        "./streaming test installs it (Debian packages ffmpeg / gstreamer1.0-tools and plugins).");
        }

        return path!;
    }

    public static string? Find(string name)
    {
        var pathVariable = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0))
            {
                return candidate;
            }
        }

        return null;
    }
}
