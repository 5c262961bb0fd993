using System.Text.Json;
using Streaming.Operations.Tests.Infrastructure;
using Streaming.Operations.Tests.Promql;
using YamlDotNet.RepresentationModel;

namespace Streaming.Operations.Tests.Deploy;

public sealed class DashboardFileTests
{
    private static string Folder => RepoPaths.Deploy("grafana", "dashboards");

    public static TheoryData<string> Dashboards => new(GrafanaDashboards.Files(Folder).Select(Path.GetFileName)!);

    [Fact]
    public void Overview_stream_edge_and_archive_dashboards_are_provisioned()
    {
        var names = GrafanaDashboards.Files(Folder).Select(Path.GetFileNameWithoutExtension).ToHashSet();

        Assert.Subset(names, new HashSet<string?> { "overview", "stream", "edge", "archive" });
        var provider = File.ReadAllText(RepoPaths.Deploy("grafana", "provisioning", "dashboards", "streaming.yml"));
        Assert.Contains("path: /var/lib/grafana/dashboards", provider);
    }

    [Fact]
    public void Grafana_provisions_a_prometheus_datasource_and_a_file_dashboard_provider()
    {
        var datasource = Load(RepoPaths.Deploy("grafana", "provisioning", "datasources", "prometheus.yml"));
        var provider = Load(RepoPaths.Deploy("grafana", "provisioning", "dashboards", "streaming.yml"));

        var source = (YamlMappingNode)((YamlSequenceNode)datasource["datasources"]).Children.Single();
        Assert.Equal("prometheus", ((YamlScalarNode)source["type"]).Value);
        Assert.Equal(DatasourceUid(), ((YamlScalarNode)source["uid"]).Value);
        var files = (YamlMappingNode)((YamlSequenceNode)provider["providers"]).Children.Single();
        Assert.Equal("file", ((YamlScalarNode)files["type"]).Value);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Every_panel_queries_the_provisioned_prometheus_datasource(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));
        var uid = DatasourceUid();
        var panels = GrafanaDashboards.DataPanels(doc.RootElement).ToList();

        Assert.NotEmpty(panels);
        Assert.All(panels, panel =>
        {
            var title = GrafanaDashboards.Title(panel);
            Assert.True(panel.TryGetProperty("datasource", out var datasource), $"{file} / {title}: no datasource");
            Assert.Equal(uid, datasource.GetProperty("uid").GetString());
            Assert.True(panel.TryGetProperty("targets", out var targets) && targets.GetArrayLength() > 0, $"{file} / {title}: no targets");
            Assert.All(targets.EnumerateArray(), target =>
                Assert.False(string.IsNullOrWhiteSpace(target.TryGetProperty("expr", out var expr) ? expr.GetString() : null), $"{file} / {title}: a target has no expr"));
        });
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_has_a_unique_uid_and_panels_fit_the_grid(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));
        var uid = doc.RootElement.GetProperty("uid").GetString();
        var others = GrafanaDashboards.Files(Folder).Where(f => Path.GetFileName(f) != file)
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("uid").GetString());

        Assert.DoesNotContain(uid, others);
        Assert.All(doc.RootElement.GetProperty("panels").EnumerateArray(), panel =>
        {
            var grid = panel.GetProperty("gridPos");
            Assert.InRange(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(), 1, 24);
        });
    }

    [Fact]
    public void Stream_dashboard_is_templated_by_the_stream_label()
    {
        var variables = GrafanaDashboards.Variables(Path.Combine(Folder, "stream.json"));

        Assert.Contains(variables, v => v.Name == "stream" && v.Label == "stream");
        Assert.All(GrafanaDashboards.Queries(Path.Combine(Folder, "stream.json")).Where(q => q.Panel != "Share of all viewers"),
            q => Assert.Contains("$stream", q.Expression));
    }

    [Fact]
    public async Task Committed_dashboards_are_what_the_generator_writes()
    {
        var output = Path.Combine(Path.GetTempPath(), "streaming-dashboards-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = await ToolRun.RunAsync("python3", [RepoPaths.Deploy("grafana", "generate_dashboards.py"), output], TimeSpan.FromSeconds(60));
            Assert.True(result.Succeeded, result.ToString());
            foreach (var generated in Directory.GetFiles(output))
            {
                var committed = Path.Combine(Folder, Path.GetFileName(generated));
                Assert.True(File.Exists(committed), $"{committed} is missing: run python3 deploy/grafana/generate_dashboards.py");
                Assert.True(File.ReadAllText(generated) == File.ReadAllText(committed),
                    $"{committed} differs from the generator's output: run python3 deploy/grafana/generate_dashboards.py");
            }
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    private static YamlMappingNode Load(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file)) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal("1", ((YamlScalarNode)root["apiVersion"]).Value);
        return root;
    }

    private static string DatasourceUid()
    {
        var text = File.ReadAllText(RepoPaths.Deploy("grafana", "provisioning", "datasources", "prometheus.yml"));
        var line = text.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("uid:", StringComparison.Ordinal));
        return line["uid:".Length..].Trim();
    }
}
