namespace Streaming.Archive.Tests.Infrastructure;

/// <summary>External tools the tests need: a missing one fails the test (never skips it).</summary>
public static class Tool
{
    public static string Require(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        Assert.Fail($"Required tool '{name}' is not on PATH; install it (see tests/Archive.Tests).");
        return name;
    }
}
