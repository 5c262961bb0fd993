namespace Streaming.Operations.Tests.Promql;

/// <summary>One PromQL expression of a Grafana dashboard: where it is (dashboard / panel / refId) and the text.</summary>
public sealed record DashboardQuery(string Dashboard, string Panel, string RefId, string Expression)
{
    public override string ToString() => $"{Dashboard} / \"{Panel}\" / {RefId}: {Expression}";
}
