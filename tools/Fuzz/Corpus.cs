namespace Streaming.Tools.Fuzz;

/// <summary>The committed seed corpus: <c>tools/Fuzz/corpus/{target}/</c>, one input per file.</summary>
public static class Corpus
{
    public const string RelativePath = "tools/Fuzz/corpus";

    /// <summary>The corpus folder, found from <paramref name="start"/> (default: this program's folder) upwards.</summary>
    public static string Root(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"{RelativePath} not found above {start ?? AppContext.BaseDirectory}");
    }

    public static IReadOnlyList<string> Files(string target, string? root = null)
    {
        var dir = Path.Combine(root ?? Root(), target);
        return Directory.Exists(dir) ? Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToArray() : [];
    }
}
