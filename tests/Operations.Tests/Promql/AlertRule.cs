namespace Streaming.Operations.Tests.Promql;

/// <summary>One alerting rule of deploy/prometheus/alerts.yml.</summary>
public sealed record AlertRule(string Group, string Name, string Expression, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations)
{
    public override string ToString() => $"{Group} / {Name}: {Expression.Trim()}";
}
