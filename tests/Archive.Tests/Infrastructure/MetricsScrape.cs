using System.Globalization;

namespace Streaming.Archive.Tests.Infrastructure;

/// <summary>Reads a service's Prometheus <c>/metrics</c>.</summary>
public static class MetricsScrape
{
    /// <summary>Sum of every series of <paramref name="name"/> whose labels include each of <paramref name="labels"/> (<c>key="value"</c>).</summary>
    public static async Task<double> SumAsync(string baseUrl, string name, params string[] labels)
    {
        var text = await ArchiveSystem.Http.GetStringAsync(baseUrl + "/metrics");
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length <= name.Length || line[name.Length] is not (' ' or '{')) continue;
            var space = line.LastIndexOf(' ');
            var series = line[..space];
            if (labels.All(l => series.Contains(l, StringComparison.Ordinal)))
                sum += double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }
        return sum;
    }
}
