namespace Streaming.TestSupport;

/// <summary>
/// External programs the tests drive (ffmpeg, gst-launch-1.0, node, chromium, promtool, ...). A missing one fails the
/// test with the Debian package to install; it never skips it. `./streaming test` installs them all.
/// </summary>
public static class Tool
{
    private static readonly Dictionary<string, string> Packages = new()
    {
        ["ffmpeg"] = "ffmpeg",
        ["ffprobe"] = "ffmpeg",
        ["gst-launch-1.0"] = "gstreamer1.0-tools and gstreamer1.0-plugins-{base,good,bad,ugly}",
        ["promtool"] = "prometheus",
        ["prometheus"] = "prometheus",
        ["docker-compose"] = "docker-compose",
        ["node"] = "nodejs",
        ["npm"] = "npm",
        ["/usr/bin/chromium"] = "chromium",
        ["python3"] = "python3",
        ["dotnet"] = "the .NET 10 SDK",
    };

    /// <summary>The full path of <paramref name="name"/> (on PATH, or as given when absolute), or a failed test.</summary>
    public static string Require(string name) =>
        Find(name) ?? throw new ToolMissingException(
            $"Required tool '{name}' was not found; install it (Debian package: {Packages.GetValueOrDefault(name, name)}). " +
            "./streaming test installs every prerequisite.");

    public static string? Find(string name)
    {
        if (Path.IsPathRooted(name)) return IsExecutable(name) ? name : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0);
}
