namespace Streaming.Operations.Tests.Promql;

/// <summary>One label matcher of a selector, e.g. status=~"5..".</summary>
public sealed record LabelMatcher(string Label, string Operator, string Value)
{
    public override string ToString() => $"{Label}{Operator}\"{Value}\"";
}
