namespace Streaming.Operations.Tests.Promql;

/// <summary>A metric selector found in a PromQL expression: the metric name and the label matchers in braces.</summary>
public sealed record VectorSelector(string Metric, IReadOnlyList<LabelMatcher> Matchers)
{
    public override string ToString() =>
        Matchers.Count == 0 ? Metric : $"{Metric}{{{string.Join(",", Matchers)}}}";
}
