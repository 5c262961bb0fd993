using System.Text.RegularExpressions;
using Streaming.Operations.Tests.Infrastructure;

namespace Streaming.Operations.Tests.Deploy;

/// <summary>There is no Docker engine here: the Dockerfiles are checked for the properties the deployment relies on.</summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string, string, int> Images => new()
    {
        { "ingest", "Ingest", 8082 },
        { "transcode", "Transcode", 8081 },
        { "edge", "Edge", 8080 },
        { "archive", "Archive", 8083 },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Image_is_built_with_the_sdk_and_runs_on_debian_as_a_non_root_user(string image, string project, int httpPort)
    {
        var text = File.ReadAllText(RepoPaths.Deploy("docker", $"Dockerfile.{image}"));
        var stages = From().Matches(text).Select(m => m.Groups[1].Value).ToList();

        Assert.True(stages.Count >= 2, $"Dockerfile.{image} is not multi-stage: {string.Join(", ", stages)}");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", stages[0]);
        Assert.Contains("debian:bookworm", stages[^1]);
        var user = User().Matches(text).Select(m => m.Groups[1].Value).LastOrDefault();
        Assert.True(user is not null && !user.StartsWith("root", StringComparison.Ordinal) && !user.StartsWith("0", StringComparison.Ordinal),
            $"Dockerfile.{image} runs as '{user ?? "root (no USER)"}'");
        Assert.Matches($@"HEALTHCHECK[^\n]*(\\\n[^\n]*)*http://127\.0\.0\.1:{httpPort}/healthz", text);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"Streaming.{project}.dll\"]", text);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Every_source_the_image_copies_exists(string image, string project, int httpPort)
    {
        _ = httpPort;
        var text = File.ReadAllText(RepoPaths.Deploy("docker", $"Dockerfile.{image}"));
        var sources = CopySource().Matches(text).Select(m => m.Groups[1].Value).ToList();

        Assert.Contains($"src/{project}/{project}.csproj", sources);
        Assert.All(sources, source => Assert.True(File.Exists(Path.Combine(RepoPaths.Root, source)) || Directory.Exists(Path.Combine(RepoPaths.Root, source)),
            $"Dockerfile.{image} copies {source}, which does not exist"));
    }

    [Fact]
    public void Transcode_image_has_the_ffmpeg_libraries_the_bindings_load()
    {
        var text = File.ReadAllText(RepoPaths.Deploy("docker", "Dockerfile.transcode"));

        Assert.All(new[] { "libavcodec59", "libavutil57", "libswscale6", "libx264-164" }, package => Assert.Contains(package, text));
    }

    [GeneratedRegex(@"^FROM\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex From();

    [GeneratedRegex(@"^USER\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex User();

    // COPY from the build context (not --from=stage): first argument.
    [GeneratedRegex(@"^COPY\s+(?!--from)(\S+)\s", RegexOptions.Multiline)]
    private static partial Regex CopySource();
}
