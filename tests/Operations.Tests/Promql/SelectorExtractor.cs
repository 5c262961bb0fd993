using System.Text;

namespace Streaming.Operations.Tests.Promql;

/// <summary>
/// Finds the vector selectors (metric name plus matchers) of a PromQL expression, so a test can check that each
/// metric and each matched label exists. A small scanner, not a parser: it skips strings, range and subquery
/// brackets, numbers and durations, function names, keywords, and the label lists of by/without/on/ignoring/group_*.
/// </summary>
public static class SelectorExtractor
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "offset", "bool", "atan2",
        "inf", "nan", "Inf", "NaN",
        // Aggregation operators, which may be followed by "by (...)" before their parenthesis.
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
    };

    private static readonly HashSet<string> LabelListKeywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    public static IReadOnlyList<VectorSelector> Extract(string expression)
    {
        var selectors = new List<VectorSelector>();
        var s = expression;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(s, i);
            }
            else if (c == '[')
            {
                i = s.IndexOf(']', i) is var end and >= 0 ? end + 1 : s.Length;
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < s.Length && char.IsDigit(s[i + 1])))
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '.' or '_')) i++;
            }
            else if (c == '{')
            {
                // A selector without a metric name: {__name__="..."}.
                var (matchers, next) = ReadMatchers(s, i);
                var name = matchers.FirstOrDefault(m => m.Label == "__name__" && m.Operator == "=");
                if (name is not null) selectors.Add(new VectorSelector(name.Value, matchers.Where(m => m != name).ToList()));
                i = next;
            }
            else if (char.IsLetter(c) || c is '_' or ':')
            {
                var start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '_' or ':')) i++;
                var word = s[start..i];
                var next = SkipSpaces(s, i);
                if (LabelListKeywords.Contains(word))
                {
                    if (next < s.Length && s[next] == '(') i = s.IndexOf(')', next) + 1;
                }
                else if (Keywords.Contains(word) || (next < s.Length && s[next] == '('))
                {
                    // A keyword or a function name.
                }
                else if (next < s.Length && s[next] == '{')
                {
                    var (matchers, after) = ReadMatchers(s, next);
                    selectors.Add(new VectorSelector(word, matchers));
                    i = after;
                }
                else
                {
                    selectors.Add(new VectorSelector(word, []));
                }
            }
            else
            {
                i++;
            }
        }

        return selectors;
    }

    private static (List<LabelMatcher> Matchers, int Next) ReadMatchers(string s, int open)
    {
        var matchers = new List<LabelMatcher>();
        var i = open + 1;
        while (i < s.Length && s[i] != '}')
        {
            i = SkipSpaces(s, i);
            if (i >= s.Length || s[i] == '}') break;
            if (s[i] == ',') { i++; continue; }
            var start = i;
            while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
            var label = s[start..i];
            i = SkipSpaces(s, i);
            var opStart = i;
            while (i < s.Length && s[i] is '=' or '!' or '~') i++;
            var op = s[opStart..i];
            i = SkipSpaces(s, i);
            var valueEnd = SkipString(s, i);
            var value = Unquote(s[i..valueEnd]);
            matchers.Add(new LabelMatcher(label, op, value));
            i = valueEnd;
        }

        return (matchers, Math.Min(i + 1, s.Length));
    }

    private static int SkipString(string s, int i)
    {
        var quote = s[i];
        i++;
        while (i < s.Length && s[i] != quote)
        {
            if (s[i] == '\\' && quote != '`') i++;
            i++;
        }

        return Math.Min(i + 1, s.Length);
    }

    private static string Unquote(string quoted)
    {
        if (quoted.Length < 2) return quoted;
        var inner = quoted[1..^1];
        if (quoted[0] == '`') return inner;
        var sb = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length) i++;
            sb.Append(inner[i]);
        }

        return sb.ToString();
    }

    private static int SkipSpaces(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        return i;
    }
}
