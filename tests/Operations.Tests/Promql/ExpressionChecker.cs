using Streaming.Operations.Tests.Infrastructure;

namespace Streaming.Operations.Tests.Promql;

/// <summary>
/// Checks one PromQL expression against a live Prometheus: it parses, each selector's metric has series, each label
/// a selector matches on exists on that metric, and (for dashboards) the whole expression returns data.
/// </summary>
public sealed class ExpressionChecker(PrometheusServer prometheus)
{
    private readonly Dictionary<string, PromQueryResult> _cache = new(StringComparer.Ordinal);

    /// <summary>Null when the expression passes, else what is wrong.</summary>
    public async Task<string?> CheckAsync(string expression, bool requireData)
    {
        var result = await prometheus.QueryAsync(expression);
        if (!result.Success) return $"does not parse or evaluate: {result.Error}";

        var selectors = SelectorExtractor.Extract(expression);
        if (selectors.Count == 0) return "uses no metric";
        foreach (var selector in selectors)
        {
            var metric = await CachedAsync($"count({selector.Metric})");
            if (!metric.HasData) return $"metric {selector.Metric} has no series (in {selector})";
            foreach (var matcher in selector.Matchers.Where(m => m.Label != "__name__"))
            {
                var label = await CachedAsync($"count({selector.Metric}{{{matcher.Label}!=\"\"}})");
                if (!label.HasData) return $"metric {selector.Metric} has no label {matcher.Label} (in {selector})";
            }
        }

        if (requireData && !result.HasData) return $"returns no data: {expression}";
        return null;
    }

    private async Task<PromQueryResult> CachedAsync(string query)
    {
        if (_cache.TryGetValue(query, out var cached) && cached.HasData) return cached;
        var result = await prometheus.QueryAsync(query);
        _cache[query] = result;
        return result;
    }
}
