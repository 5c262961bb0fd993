using YamlDotNet.RepresentationModel;

namespace Streaming.Operations.Tests.Deploy;

/// <summary>One Kubernetes object from a manifest file, with small path accessors.</summary>
public sealed record Manifest(string File, YamlMappingNode Root)
{
    public string ApiVersion => Scalar(Root, "apiVersion") ?? "";

    public string Kind => Scalar(Root, "kind") ?? "";

    public string Name => Scalar(Root, "metadata", "name") ?? "";

    public string? Namespace => Scalar(Root, "metadata", "namespace");

    public string? Scalar(params string[] path) => Scalar(Root, path);

    public IReadOnlyList<YamlMappingNode> Sequence(params string[] path) =>
        Node(Root, path) is YamlSequenceNode sequence ? sequence.Children.Cast<YamlMappingNode>().ToList() : [];

    public Dictionary<string, string> Mapping(params string[] path) =>
        Node(Root, path) is YamlMappingNode map
            ? map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (kv.Value as YamlScalarNode)?.Value ?? "")
            : [];

    public static string? Scalar(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    public override string ToString() => $"{Kind}/{Name} ({File})";

    private static YamlNode? Node(YamlNode node, string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(key, out var next)) return null;
            current = next;
        }

        return current;
    }
}
