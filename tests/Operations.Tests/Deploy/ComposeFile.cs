using Streaming.Operations.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Streaming.Operations.Tests.Deploy;

/// <summary>deploy/compose.yaml as docker-compose resolves it (anchors, merge keys and variables applied).</summary>
public static class ComposeFile
{
    public static string Path => RepoPaths.Deploy("compose.yaml");

    public static async Task<ToolResult> ConfigAsync(params string[] extra) =>
        await ToolRun.RunAsync("docker-compose", ["-f", Path, "config", .. extra], TimeSpan.FromSeconds(60));

    /// <summary>Service name to its resolved definition.</summary>
    public static async Task<Dictionary<string, YamlMappingNode>> ServicesAsync()
    {
        var result = await ConfigAsync();
        Assert.True(result.Succeeded, result.ToString());
        var yaml = new YamlStream();
        yaml.Load(new StringReader(result.StandardOutput));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlMappingNode)root["services"]).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (YamlMappingNode)kv.Value);
    }

    public static Dictionary<string, string> Environment(YamlMappingNode service) =>
        service.Children.TryGetValue("environment", out var node) && node is YamlMappingNode environment
            ? environment.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (kv.Value as YamlScalarNode)?.Value ?? "")
            : [];

    public static string? Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(key, out var next)) return null;
            current = next;
        }

        return (current as YamlScalarNode)?.Value;
    }
}
