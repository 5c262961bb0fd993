namespace Streaming.Operations.Tests.Infrastructure;

/// <summary>External tools the operations tests drive. A missing tool fails the test, never skips it.</summary>
public static class Tool
{
    private static readonly Dictionary<string, string> Packages = new()
    {
        ["promtool"] = "prometheus",
        ["prometheus"] = "prometheus",
        ["docker-compose"] = "docker-compose",
        ["ffmpeg"] = "ffmpeg",
        ["dotnet"] = "the .NET SDK",
    };

    /// <summary>Full path of <paramref name="name"/> on PATH, or a failed test naming the package to install.</summary>
    public static string Require(string name)
    {
        var path = Find(name);
        if (path is null)
        {
            var package = Packages.GetValueOrDefault(name, name);
            Assert.Fail($"Required tool '{name}' is not on PATH; install it (Debian package: {package}). ./streaming test installs it.");
        }

        return path!;
    }

    public static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0)) return candidate;
        }

        return null;
    }
}
