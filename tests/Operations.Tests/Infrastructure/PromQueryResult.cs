using System.Text.Json;

namespace Streaming.Operations.Tests.Infrastructure;

/// <summary>Answer of Prometheus' /api/v1/query: parse status, result type and how many series came back.</summary>
public sealed record PromQueryResult(string Query, bool Success, string Error, string ResultType, int SeriesCount, string Body)
{
    /// <summary>A scalar or string always carries a value; a vector or matrix needs at least one series.</summary>
    public bool HasData => Success && (ResultType is "scalar" or "string" || SeriesCount > 0);

    /// <summary>Label sets of the returned series (vector or matrix results).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Series()
    {
        using var doc = JsonDocument.Parse(Body);
        var list = new List<IReadOnlyDictionary<string, string>>();
        if (!doc.RootElement.TryGetProperty("data", out var data) || data.GetProperty("result").ValueKind != JsonValueKind.Array) return list;
        foreach (var series in data.GetProperty("result").EnumerateArray())
        {
            list.Add(series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""));
        }

        return list;
    }

    public static PromQueryResult Parse(string query, string body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var success = root.GetProperty("status").GetString() == "success";
        if (!success)
        {
            var error = $"{(root.TryGetProperty("errorType", out var t) ? t.GetString() : "")}: {(root.TryGetProperty("error", out var e) ? e.GetString() : body)}";
            return new PromQueryResult(query, false, error, "", 0, body);
        }

        var data = root.GetProperty("data");
        var type = data.GetProperty("resultType").GetString() ?? "";
        var result = data.GetProperty("result");
        var count = type is "vector" or "matrix" ? result.GetArrayLength() : 1;
        return new PromQueryResult(query, true, "", type, count, body);
    }

    public override string ToString() =>
        Success ? $"{ResultType}, {SeriesCount} series: {Truncate(Body)}" : $"error {Error}";

    private static string Truncate(string text) => text.Length <= 600 ? text : text[..600] + "...";
}
