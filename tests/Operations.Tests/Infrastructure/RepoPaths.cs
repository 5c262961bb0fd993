namespace Streaming.Operations.Tests.Infrastructure;

/// <summary>Locates the repository, its deploy folder and the built service assemblies.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>Repository root: the nearest ancestor folder holding Streaming.sln.</summary>
    public static string Root => LazyRoot.Value;

    public static string Deploy(params string[] parts) => Path.Combine([Root, "deploy", .. parts]);

    /// <summary>Build configuration the tests were built with (Release or Debug), read from the assembly path.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>Full path of a service assembly, e.g. ServiceAssembly("Edge") for src/Edge/.../Streaming.Edge.dll.</summary>
    public static string ServiceAssembly(string service) =>
        Path.Combine(Root, "src", service, "bin", Configuration, "net10.0", $"Streaming.{service}.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"Streaming.sln not found above {AppContext.BaseDirectory}");
    }
}
