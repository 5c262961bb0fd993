using System.Diagnostics;
using System.Text;
using Streaming.Operations.Tests.Infrastructure;
using Streaming.Operations.Tests.Promql;
using Xunit.Abstractions;

namespace Streaming.Operations.Tests;

/// <summary>
/// The running system seen through Prometheus: each service's /metrics passes promtool, and every PromQL expression of
/// the Grafana dashboards and alert rules parses and finds data while a stream is live and viewers watch it.
/// </summary>
public sealed class LiveMetricsTests(ObservedSystem system, ITestOutputHelper output) : IClassFixture<ObservedSystem>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Every_service_metrics_endpoint_passes_promtool_check_metrics()
    {
        var failures = new StringBuilder();
        foreach (var service in system.Cluster.Services)
        {
            var body = await Http.GetStringAsync(service.Url("/metrics"));
            var result = await ToolRun.RunAsync("promtool", ["check", "metrics"], TimeSpan.FromSeconds(30), standardInput: body);
            if (!result.Succeeded || result.StandardOutput.Trim().Length > 0 || result.StandardError.Trim().Length > 0)
            {
                failures.AppendLine($"{service.Job} ({service.Target}):").AppendLine(result.ToString());
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public async Task Every_dashboard_and_alert_expression_parses_and_finds_data_in_a_live_system()
    {
        var checker = new ExpressionChecker(system.Prometheus);
        await WaitForScrapesAsync();

        var dashboards = GrafanaDashboards.Files(RepoPaths.Deploy("grafana", "dashboards"));
        var variables = new Dictionary<string, string>();
        var problems = new List<string>();
        foreach (var variable in dashboards.SelectMany(GrafanaDashboards.Variables))
        {
            var values = await system.Prometheus.QueryAsync(variable.ValuesQuery);
            var names = values.Success ? values.Series().Select(s => s.GetValueOrDefault(variable.Label, "")).Where(v => v != "").ToList() : [];
            if (names.Count == 0) problems.Add($"variable {variable.Dashboard} ${variable.Name}: {variable.ValuesQuery} has no values: {values}");
            else variables[variable.Name] = names.Contains(LiveCluster.StreamName) ? LiveCluster.StreamName : names[0];
        }

        var queries = dashboards.SelectMany(GrafanaDashboards.Queries).ToList();
        var rules = AlertRules.Load(RepoPaths.Deploy("prometheus", "alerts.yml"));
        Assert.True(queries.Count >= 20, $"only {queries.Count} dashboard queries found");
        Assert.NotEmpty(rules);

        // Dashboard queries must return data; some series (archive uploads, lag) appear only after the first segments,
        // so failing queries are retried until the deadline.
        var pending = queries.ToDictionary(q => q, q => "");
        var deadline = Stopwatch.StartNew();
        while (pending.Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(45))
        {
            foreach (var query in pending.Keys.ToList())
            {
                var problem = await checker.CheckAsync(GrafanaDashboards.Substitute(query.Expression, variables), requireData: true);
                if (problem is null) pending.Remove(query);
                else pending[query] = problem;
            }

            if (pending.Count > 0) await Task.Delay(2000);
        }

        problems.AddRange(pending.Select(p => $"dashboard {p.Key}{Environment.NewLine}    {p.Value}"));

        // Alert expressions need not fire; they must parse and every metric and matched label they use must exist.
        foreach (var rule in rules)
        {
            var problem = await checker.CheckAsync(rule.Expression, requireData: false);
            if (problem is not null) problems.Add($"alert {rule}{Environment.NewLine}    {problem}");
        }

        problems.AddRange(await RuleEvaluationProblemsAsync());
        problems.AddRange(await FalseAlarmsAsync());
        output.WriteLine($"checked {queries.Count} dashboard queries ({queries.Count - pending.Count} with data after {deadline.Elapsed.TotalSeconds:F0} s), " +
                         $"{rules.Count} alert rules, variables {string.Join(", ", variables.Select(v => $"${v.Key}={v.Value}"))}");
        Assert.True(problems.Count == 0,
            $"{problems.Count} problems in {queries.Count} dashboard queries and {rules.Count} alert rules:{Environment.NewLine}" +
            string.Join(Environment.NewLine, problems) + Environment.NewLine + Environment.NewLine + system.Describe());
    }

    /// <summary>
    /// In this healthy system (all services up, a live stream, no server errors, a working store) the alerts that do
    /// not depend on the machine's speed must be neither pending nor firing; one that is has its condition inverted.
    /// </summary>
    private async Task<IReadOnlyList<string>> FalseAlarmsAsync()
    {
        string[] quiet =
        [
            "StreamingServiceDown", "StreamPublishersDropped", "StreamPublisherStalled", "EdgeHighErrorRate",
            "EdgeUpstreamUnreachable", "EdgeAllUpstreamsUnreachable", "ArchiveStoreDown", "ArchiveSpoolNearlyFull",
            "ArchiveSheddingRenditions",
        ];
        var alerts = await system.Prometheus.QueryAsync($"ALERTS{{alertname=~\"{string.Join('|', quiet)}\"}}");
        if (!alerts.Success) return [$"ALERTS query failed: {alerts}"];
        return alerts.Series()
            .Select(a => $"alert {a.GetValueOrDefault("alertname")} is {a.GetValueOrDefault("alertstate")} in a healthy system: {string.Join(", ", a.Select(kv => $"{kv.Key}={kv.Value}"))}")
            .ToList();
    }

    /// <summary>Waits until every service was scraped successfully at least five times.</summary>
    private async Task WaitForScrapesAsync()
    {
        var expected = system.Cluster.Services.Count;
        var clock = Stopwatch.StartNew();
        PromQueryResult? last = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            last = await system.Prometheus.QueryAsync("sum_over_time(up[1m]) >= 5");
            if (last.Success && last.SeriesCount == expected) return;
            await Task.Delay(500);
        }

        Assert.Fail($"Prometheus did not scrape all {expected} services 5 times in 30 s: {last}{Environment.NewLine}" +
                    $"{await system.Prometheus.TargetsAsync()}{Environment.NewLine}{system.Describe()}");
    }

    /// <summary>Prometheus evaluates the alert rules itself each second: none may report an evaluation error.</summary>
    private async Task<IReadOnlyList<string>> RuleEvaluationProblemsAsync()
    {
        var clock = Stopwatch.StartNew();
        var rules = await system.Prometheus.RulesAsync();
        while (rules.Any(r => r.Health == "unknown") && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(500);
            rules = await system.Prometheus.RulesAsync();
        }

        var problems = rules.Where(r => r.Health != "ok").Select(r => $"rule {r.Name} evaluates with health {r.Health}: {r.LastError}").ToList();
        if (rules.Count == 0) problems.Add("Prometheus loaded no rules from alerts.yml");
        return problems;
    }
}
