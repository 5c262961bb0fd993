namespace Streaming.Edge.Tests.Infrastructure;

/// <summary>Finds an external tool on PATH; a missing tool fails the test (never skips).</summary>
public static class Tool
{
    public static string Require(string name)
    {
        if (name.StartsWith('/'))
        {
            if (!File.Exists(name)) Assert.Fail($"Required tool {name} is not installed.");
            return name;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail($"Required tool '{name}' is not on PATH.");
        return name;
    }
}
