using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Streaming.Operations.Tests.Infrastructure;

/// <summary>
/// A real Prometheus (Debian's binary) on a free loopback port, scraping the test's services every second with
/// deploy/prometheus/prometheus.local.yml (targets replaced, same job names) and evaluating deploy/prometheus/alerts.yml.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly RunningProcess _process;

    private PrometheusServer(RunningProcess process, int port, string configText)
    {
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
        ConfigText = configText;
    }

    public string BaseUrl { get; }

    public string ConfigText { get; }

    /// <summary>Starts Prometheus scraping <paramref name="jobTargets"/> (job name to host:port list); jobs not listed are removed.</summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, string[]> jobTargets, string workDirectory)
    {
        var configText = TestConfig(jobTargets);
        var configPath = Path.Combine(workDirectory, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, configText);
        var port = FreePorts.Take(1)[0];
        var process = RunningProcess.Start("prometheus", "prometheus",
        [
            $"--config.file={configPath}",
            $"--storage.tsdb.path={Path.Combine(workDirectory, "tsdb")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--storage.tsdb.retention.time=1h",
            "--log.level=warn",
        ], workingDirectory: workDirectory);
        var server = new PrometheusServer(process, port, configText);
        try
        {
            await process.WaitUntilAnswersAsync($"{server.BaseUrl}/-/ready", TimeSpan.FromSeconds(30));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>prometheus.local.yml with a 1 s scrape and evaluation interval, the test's targets and the absolute rule file path.</summary>
    public static string TestConfig(IReadOnlyDictionary<string, string[]> jobTargets)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(RepoPaths.Deploy("prometheus", "prometheus.local.yml"))) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var global = (YamlMappingNode)root["global"];
        global.Children[new YamlScalarNode("scrape_interval")] = new YamlScalarNode("1s");
        global.Children[new YamlScalarNode("scrape_timeout")] = new YamlScalarNode("1s");
        global.Children[new YamlScalarNode("evaluation_interval")] = new YamlScalarNode("1s");
        root.Children[new YamlScalarNode("rule_files")] = new YamlSequenceNode(new YamlScalarNode(RepoPaths.Deploy("prometheus", "alerts.yml")));
        var jobs = (YamlSequenceNode)root["scrape_configs"];
        var kept = new YamlSequenceNode();
        foreach (var job in jobs.Children.Cast<YamlMappingNode>())
        {
            var name = ((YamlScalarNode)job["job_name"]).Value!;
            if (!jobTargets.TryGetValue(name, out var targets)) continue;
            var staticConfig = new YamlMappingNode { { "targets", new YamlSequenceNode(targets.Select(t => new YamlScalarNode(t))) } };
            job.Children[new YamlScalarNode("static_configs")] = new YamlSequenceNode(staticConfig);
            kept.Add(job);
        }

        root.Children[new YamlScalarNode("scrape_configs")] = kept;
        using var writer = new StringWriter();
        yaml.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    public async Task<PromQueryResult> QueryAsync(string query)
    {
        var url = $"{BaseUrl}/api/v1/query?query={Uri.EscapeDataString(query)}";
        using var response = await Http.GetAsync(url);
        return PromQueryResult.Parse(query, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Alerting and recording rules as loaded: name, health ("ok", "err", "unknown") and last error.</summary>
    public async Task<IReadOnlyList<(string Name, string Health, string LastError)>> RulesAsync()
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync($"{BaseUrl}/api/v1/rules"));
        var rules = new List<(string, string, string)>();
        foreach (var group in doc.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray())
        {
            foreach (var rule in group.GetProperty("rules").EnumerateArray())
            {
                var error = rule.TryGetProperty("lastError", out var e) ? e.GetString() ?? "" : "";
                rules.Add((rule.GetProperty("name").GetString()!, rule.GetProperty("health").GetString()!, error));
            }
        }

        return rules;
    }

    /// <summary>Scrape targets: job, instance, health and last error.</summary>
    public async Task<string> TargetsAsync() => await Http.GetStringAsync($"{BaseUrl}/api/v1/targets?state=active");

    public string Describe() => _process.Describe() + Environment.NewLine + "--- generated config ---" + Environment.NewLine + ConfigText;

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
