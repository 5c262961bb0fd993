using Streaming.Operations.Tests.Infrastructure;
using Streaming.Operations.Tests.Promql;
using YamlDotNet.RepresentationModel;

namespace Streaming.Operations.Tests.Deploy;

public sealed class PrometheusConfigTests
{
    private static readonly string[] StreamingJobs = ["streaming-ingest", "streaming-origin", "streaming-edge", "streaming-archive"];

    [Theory]
    [InlineData("prometheus.yml")]
    [InlineData("prometheus.local.yml")]
    [InlineData("prometheus.k8s.yml")]
    public async Task Scrape_config_passes_promtool_check_config(string file)
    {
        var result = await ToolRun.RunAsync("promtool", ["check", "config", RepoPaths.Deploy("prometheus", file)], TimeSpan.FromSeconds(60));

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task Alert_rules_pass_promtool_check_rules()
    {
        var result = await ToolRun.RunAsync("promtool", ["check", "rules", RepoPaths.Deploy("prometheus", "alerts.yml")], TimeSpan.FromSeconds(60));

        Assert.True(result.Succeeded, result.ToString());
    }

    [Theory]
    [InlineData("prometheus.yml")]
    [InlineData("prometheus.local.yml")]
    [InlineData("prometheus.k8s.yml")]
    public void Scrape_config_has_one_job_per_service_with_the_names_the_dashboards_use(string file)
    {
        var jobs = Jobs(file).Keys.Where(j => j.StartsWith("streaming-", StringComparison.Ordinal)).Order().ToList();

        Assert.Equal(StreamingJobs.Order().ToList(), jobs);
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_and_a_description()
    {
        var rules = AlertRules.Load(RepoPaths.Deploy("prometheus", "alerts.yml"));

        Assert.All(rules, rule =>
        {
            Assert.Contains(rule.Labels.GetValueOrDefault("severity", ""), new[] { "critical", "warning" });
            Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("summary")), $"{rule.Name} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("description")), $"{rule.Name} has no description");
        });
    }

    [Fact]
    public void Every_alert_is_explained_in_the_operations_guide()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "operations.md"));
        var rules = AlertRules.Load(RepoPaths.Deploy("prometheus", "alerts.yml"));

        var missing = rules.Select(r => r.Name).Where(name => !guide.Contains($"### {name}", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "docs/operations.md has no '### <alert>' section for: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_alerts_cover_what_a_streaming_operator_needs()
    {
        var names = AlertRules.Load(RepoPaths.Deploy("prometheus", "alerts.yml")).Select(r => r.Name).ToHashSet();

        Assert.Subset(names, new HashSet<string>
        {
            "StreamingServiceDown", "StreamingMemoryHigh", "StreamPublishersDropped", "TranscoderBehindRealTime",
            "EdgeHighErrorRate", "EdgeUpstreamUnreachable", "ArchiveBacklogGrowing", "ArchiveSpoolNearlyFull",
        });
    }

    [Fact]
    public async Task Compose_scrape_targets_are_compose_services_on_their_http_ports()
    {
        var services = await ComposeFile.ServicesAsync();

        foreach (var (job, targets) in Jobs("prometheus.yml").Where(j => j.Key.StartsWith("streaming-", StringComparison.Ordinal)))
        {
            Assert.All(targets, target =>
            {
                var (host, port) = (target.Split(':')[0], target.Split(':')[1]);
                Assert.True(services.ContainsKey(host), $"{job} target {target}: no compose service {host}");
                var environment = ComposeFile.Environment(services[host]);
                var httpPorts = environment.Where(kv => kv.Key.EndsWith("__HTTPPORT", StringComparison.Ordinal) || kv.Key.EndsWith("__APIPORT", StringComparison.Ordinal))
                    .Select(kv => kv.Value).ToList();
                Assert.True(httpPorts.Contains(port), $"{job} target {target}: compose service {host} sets HTTP ports [{string.Join(", ", httpPorts)}]");
            });
        }
    }

    /// <summary>Job name to static targets (empty for service-discovered jobs).</summary>
    private static Dictionary<string, List<string>> Jobs(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(RepoPaths.Deploy("prometheus", file))) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var jobs = new Dictionary<string, List<string>>();
        foreach (var job in ((YamlSequenceNode)root["scrape_configs"]).Children.Cast<YamlMappingNode>())
        {
            var targets = new List<string>();
            if (job.Children.TryGetValue("static_configs", out var configs))
            {
                foreach (var config in ((YamlSequenceNode)configs).Children.Cast<YamlMappingNode>())
                {
                    targets.AddRange(((YamlSequenceNode)config["targets"]).Children.Select(t => ((YamlScalarNode)t).Value!));
                }
            }

            jobs[((YamlScalarNode)job["job_name"]).Value!] = targets;
        }

        return jobs;
    }
}
