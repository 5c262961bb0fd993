namespace Streaming.EndToEnd.Tests.Infrastructure;

/// <summary>Locates the repository and the built service assemblies from the test assembly's location.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>Repository root: the nearest ancestor folder holding Streaming.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Build configuration the tests were built with (Release or Debug), read from the assembly path.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>Full path of a service assembly, e.g. ServiceAssembly("Transcode", "Streaming.Transcode").</summary>
    public static string ServiceAssembly(string projectFolder, string assemblyName)
    {
        var path = Path.Combine(Root, "src", projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        if (!File.Exists(path))
        {
            Assert.Fail($"Service assembly not found: {path}. Build the solution first: ./streaming build " +
                        $"(or dotnet build Streaming.sln -c {Configuration}).");
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Streaming.sln not found above {AppContext.BaseDirectory}");
    }
}
