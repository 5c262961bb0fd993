using Streaming.Operations.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Streaming.Operations.Tests.Deploy;

public sealed class ComposeFileTests
{
    [Fact]
    public async Task Compose_file_passes_docker_compose_config()
    {
        var result = await ComposeFile.ConfigAsync("-q");

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task Compose_runs_the_whole_cluster_with_storage_and_monitoring()
    {
        var services = await ComposeFile.ServicesAsync();

        Assert.Subset(services.Keys.ToHashSet(),
            new HashSet<string> { "ingest", "transcode", "edge-1", "edge-2", "archive", "minio", "minio-init", "prometheus", "grafana" });
        var archive = ComposeFile.Environment(services["archive"]);
        Assert.Equal("s3", archive["STREAMING__ARCHIVE__STORE"]);
        Assert.Equal("http://minio:9000", archive["STREAMING__ARCHIVE__S3__SERVICEURL"]);
        Assert.Contains("mc mb", string.Join(' ', ((YamlSequenceNode)services["minio-init"]["command"]).Children.Select(c => ((YamlScalarNode)c).Value)));
    }

    [Fact]
    public async Task Every_service_of_the_cluster_shares_one_origin_member_list()
    {
        var services = await ComposeFile.ServicesAsync();
        string[] cluster = ["ingest", "transcode", "edge-1", "edge-2", "archive"];

        var lists = cluster.Select(name => string.Join(";", ComposeFile.Environment(services[name])
            .Where(kv => kv.Key.StartsWith("STREAMING__CLUSTER__ORIGINS__", StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))).Distinct().ToList();

        Assert.Single(lists);
        Assert.Contains("STREAMING__CLUSTER__ORIGINS__0__LINK=transcode:8084", lists[0]);
    }

    [Fact]
    public async Task Built_images_use_existing_dockerfiles_and_mounted_files_exist()
    {
        var services = await ComposeFile.ServicesAsync();

        foreach (var (name, service) in services)
        {
            if (ComposeFile.Scalar(service, "build", "dockerfile") is { } dockerfile)
            {
                var context = ComposeFile.Scalar(service, "build", "context")!;
                Assert.True(File.Exists(Path.Combine(context, dockerfile)), $"{name}: {dockerfile} not found in {context}");
            }

            if (!service.Children.TryGetValue("volumes", out var volumes)) continue;
            foreach (var volume in ((YamlSequenceNode)volumes).Children)
            {
                // docker-compose prints bind mounts as "/absolute/source:target[:mode]" or as a mapping with type bind.
                var source = volume switch
                {
                    YamlScalarNode scalar when scalar.Value!.StartsWith('/') => scalar.Value.Split(':')[0],
                    YamlMappingNode map when ComposeFile.Scalar(map, "type") == "bind" => ComposeFile.Scalar(map, "source"),
                    _ => null,
                };
                if (source is null) continue;
                Assert.True(File.Exists(source) || Directory.Exists(source), $"{name}: bind mount source {source} does not exist");
            }
        }
    }
}
