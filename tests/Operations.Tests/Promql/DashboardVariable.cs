namespace Streaming.Operations.Tests.Promql;

/// <summary>A Grafana query variable: label_values(metric, label).</summary>
public sealed record DashboardVariable(string Dashboard, string Name, string Metric, string Label)
{
    /// <summary>The PromQL that yields the variable's values as series labelled <see cref="Label"/>.</summary>
    public string ValuesQuery => $"group by ({Label}) ({Metric})";
}
