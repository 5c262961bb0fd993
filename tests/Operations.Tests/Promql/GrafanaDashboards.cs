using System.Text.Json;
using System.Text.RegularExpressions;

namespace Streaming.Operations.Tests.Promql;

/// <summary>Reads the provisioned dashboards (deploy/grafana/dashboards/*.json): panels, queries and variables.</summary>
public static partial class GrafanaDashboards
{
    public static IReadOnlyList<string> Files(string folder) =>
        Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList();

    /// <summary>Every panel that is not a row, including panels nested in collapsed rows.</summary>
    public static IEnumerable<JsonElement> DataPanels(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            if (Type(panel) == "row")
            {
                if (panel.TryGetProperty("panels", out var nested))
                {
                    foreach (var inner in nested.EnumerateArray()) yield return inner;
                }

                continue;
            }

            yield return panel;
        }
    }

    public static string Type(JsonElement panel) => panel.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";

    public static string Title(JsonElement panel) => panel.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";

    public static IReadOnlyList<DashboardQuery> Queries(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var name = Path.GetFileName(file);
        var queries = new List<DashboardQuery>();
        foreach (var panel in DataPanels(doc.RootElement))
        {
            if (!panel.TryGetProperty("targets", out var targets)) continue;
            foreach (var target in targets.EnumerateArray())
            {
                if (target.TryGetProperty("expr", out var expr) && expr.GetString() is { Length: > 0 } text)
                {
                    var refId = target.TryGetProperty("refId", out var r) ? r.GetString() ?? "?" : "?";
                    queries.Add(new DashboardQuery(name, Title(panel), refId, text));
                }
            }
        }

        return queries;
    }

    public static IReadOnlyList<DashboardVariable> Variables(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var variables = new List<DashboardVariable>();
        if (!doc.RootElement.TryGetProperty("templating", out var templating)) return variables;
        foreach (var variable in templating.GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() != "query") continue;
            var definition = variable.GetProperty("definition").GetString() ?? "";
            var match = LabelValues().Match(definition);
            if (!match.Success) throw new FormatException($"{file}: variable {variable.GetProperty("name")} is not label_values(metric, label): {definition}");
            variables.Add(new DashboardVariable(Path.GetFileName(file), variable.GetProperty("name").GetString()!, match.Groups[1].Value.Trim(), match.Groups[2].Value.Trim()));
        }

        return variables;
    }

    /// <summary>
    /// Replaces Grafana's variables with values Prometheus accepts: interval variables with a window that holds
    /// several samples at the test's 1 s scrape interval, template variables with a real value.
    /// </summary>
    public static string Substitute(string expression, IReadOnlyDictionary<string, string> variables)
    {
        var text = expression
            .Replace("$__rate_interval", "5s", StringComparison.Ordinal)
            .Replace("$__interval", "5s", StringComparison.Ordinal)
            .Replace("$__range", "1m", StringComparison.Ordinal);
        foreach (var (name, value) in variables)
        {
            text = text.Replace("${" + name + "}", value, StringComparison.Ordinal).Replace("$" + name, value, StringComparison.Ordinal);
        }

        return text;
    }

    [GeneratedRegex(@"^label_values\(\s*([^,]+),\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$")]
    private static partial Regex LabelValues();
}
