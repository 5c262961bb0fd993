using System.Globalization;

namespace Streaming.Edge.Tests.Infrastructure;

/// <summary>Reads sums out of a Prometheus text scrape: <c>Sum("x_total", ("kind","part"))</c>.</summary>
public sealed class MetricsText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public MetricsText(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var space = line.LastIndexOf(' ');
            var head = line[..space];
            var value = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            var brace = head.IndexOf('{');
            var labels = new Dictionary<string, string>();
            if (brace >= 0)
            {
                foreach (var pair in head[(brace + 1)..^1].Split("\",", StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=');
                    labels[pair[..eq]] = pair[(eq + 1)..].Trim('"');
                }
                head = head[..brace];
            }
            _samples.Add((head, labels, value));
        }
    }

    public string Raw { get; init; } = "";

    public static async Task<MetricsText> ScrapeAsync(HttpClient http, string baseUrl)
    {
        var text = await http.GetStringAsync(baseUrl + "/metrics");
        return new MetricsText(text) { Raw = text };
    }

    public double Sum(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);
}
