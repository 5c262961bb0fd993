namespace Streaming.Operations.Tests.Infrastructure;

/// <summary>A started service: its Prometheus job name (as in deploy/prometheus), HTTP port and process.</summary>
public sealed record ServiceEndpoint(string Job, int HttpPort, RunningProcess Process)
{
    public string Target => $"127.0.0.1:{HttpPort}";

    public string Url(string path) => $"http://127.0.0.1:{HttpPort}{path}";
}
