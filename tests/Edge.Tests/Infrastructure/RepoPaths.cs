namespace Streaming.Edge.Tests.Infrastructure;

/// <summary>The repository root and the built service assemblies, found from the test assembly's location.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Streaming.sln not found above {AppContext.BaseDirectory}");
    });

    public static string Root => LazyRoot.Value;

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string ServiceAssembly(string projectFolder, string assemblyName)
    {
        var path = Path.Combine(Root, "src", projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        if (!File.Exists(path)) Assert.Fail($"Service assembly not found: {path}. Build the solution first (dotnet build Streaming.sln -c {Configuration}).");
        return path;
    }

    /// <summary>Folder for test artifacts (screenshots): artifacts/Edge.Tests under the repository root.</summary>
    public static string Artifacts
    {
        get
        {
            var dir = Path.Combine(Root, "artifacts", "Edge.Tests");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
