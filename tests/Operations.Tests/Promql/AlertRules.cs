using YamlDotNet.RepresentationModel;

namespace Streaming.Operations.Tests.Promql;

/// <summary>Reads the alerting rules of a Prometheus rule file.</summary>
public static class AlertRules
{
    public static IReadOnlyList<AlertRule> Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file)) stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var rules = new List<AlertRule>();
        foreach (var group in ((YamlSequenceNode)root["groups"]).Children.Cast<YamlMappingNode>())
        {
            var groupName = Scalar(group, "name");
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Children.Cast<YamlMappingNode>())
            {
                if (!rule.Children.ContainsKey("alert")) continue;
                rules.Add(new AlertRule(groupName, Scalar(rule, "alert"), Scalar(rule, "expr"), Map(rule, "labels"), Map(rule, "annotations")));
            }
        }

        return rules;
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar ? scalar.Value ?? "" : "";

    private static IReadOnlyDictionary<string, string> Map(YamlMappingNode node, string key)
    {
        if (!node.Children.TryGetValue(key, out var value) || value is not YamlMappingNode map) return new Dictionary<string, string>();
        return map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => (kv.Value as YamlScalarNode)?.Value ?? "");
    }
}
