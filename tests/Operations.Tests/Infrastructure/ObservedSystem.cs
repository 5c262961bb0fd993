namespace Streaming.Operations.Tests.Infrastructure;

/// <summary>
/// Class fixture: the live cluster with a stream, viewers and everyday faults, observed by a real Prometheus that
/// scrapes every service each second. Everything runs in a temporary folder and is stopped at the end.
/// </summary>
public sealed class ObservedSystem : IAsyncLifetime
{
    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), "streaming-ops-" + Guid.NewGuid().ToString("N")[..8]);

    public LiveCluster Cluster { get; private set; } = null!;

    public ViewerTraffic Viewers { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_workDirectory);
        Cluster = await LiveCluster.StartAsync(_workDirectory);
        Viewers = new ViewerTraffic(Cluster.Edge);
        try
        {
            await Viewers.WaitForLiveAsync(TimeSpan.FromSeconds(40));
            Viewers.Start();
            await Viewers.ProvokeEverydayFaultsAsync(Cluster.RtmpPort);
            var jobs = Cluster.Services.GroupBy(s => s.Job).ToDictionary(g => g.Key, g => g.Select(s => s.Target).ToArray());
            Directory.CreateDirectory(Path.Combine(_workDirectory, "prometheus"));
            Prometheus = await PrometheusServer.StartAsync(jobs, Path.Combine(_workDirectory, "prometheus"));
        }
        catch (Exception e)
        {
            var logs = Cluster.Describe();
            await DisposeAsync();
            throw new InvalidOperationException($"{e.Message}{Environment.NewLine}{logs}", e);
        }
    }

    public string Describe() =>
        $"viewer requests: {Viewers?.Requests}, last viewer error: {Viewers?.LastError}{Environment.NewLine}" +
        Cluster?.Describe() + Environment.NewLine + Prometheus?.Describe();

    public async Task DisposeAsync()
    {
        if (Prometheus is not null) await Prometheus.DisposeAsync();
        if (Viewers is not null) await Viewers.DisposeAsync();
        if (Cluster is not null) await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the folder is in the temp directory.
        }
    }
}
