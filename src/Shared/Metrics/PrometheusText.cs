using System.Globalization;
using System.Text;

namespace Streaming.Shared.Metrics;

/// <summary>Pure helpers for the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Maps an instrument name to a valid metric name: [a-zA-Z_:][a-zA-Z0-9_:]*.</summary>
    public static string SanitizeName(string name)
    {
        var sb = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' || (i > 0 && c is >= '0' and <= '9');
            sb.Append(ok ? c : '_');
        }
        return sb.ToString();
    }

    /// <summary>Label names: [a-zA-Z_][a-zA-Z0-9_]*.</summary>
    public static string SanitizeLabelName(string name)
    {
        var sanitized = SanitizeName(name).Replace(':', '_');
        return sanitized.Length == 0 ? "_" : sanitized;
    }

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    /// <summary>Escapes HELP text: backslash and line feed.</summary>
    public static string EscapeHelp(string value) => value.Replace("\\", "\\\\").Replace("\n", "\\n");

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Writes <c>{a="x",b="y"}</c> (nothing for no labels), with an optional extra label last (le for buckets).</summary>
    public static void AppendLabels(StringBuilder sb, IReadOnlyList<KeyValuePair<string, string>> labels,
        string? extraName = null, string? extraValue = null)
    {
        if (labels.Count == 0 && extraName is null) return;
        sb.Append('{');
        var first = true;
        foreach (var (key, value) in labels)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append(SanitizeLabelName(key)).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }
        if (extraName is not null)
        {
            if (!first) sb.Append(',');
            sb.Append(extraName).Append("=\"").Append(EscapeLabelValue(extraValue!)).Append('"');
        }
        sb.Append('}');
    }
}
