using System.Text;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Publishing;
using Streaming.Shared.Cluster;
using Streaming.Shared.Link;
using Streaming.Shared.Security;

namespace Streaming.Ingest.Link;

/// <summary>
/// Starts an <see cref="OriginLink"/> for every publish session the registry announces; links prove themselves
/// to origins with <c>Streaming:Cluster:Secret</c> (empty when unset).
/// </summary>
public sealed class OriginLinkService(
    StreamRegistry registry, IOptions<OriginLinkOptions> options, IOptions<ClusterOptions> cluster, IOptions<ClusterSecretOptions> secret,
    LinkMetrics metrics, TimeProvider time, ILogger<OriginLink> logger) : IHostedService
{
    private readonly byte[] _clusterKey = Encoding.UTF8.GetBytes(secret.Value.Secret);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _lock = new();
    private readonly HashSet<Task> _links = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.SessionStarted += OnSessionStarted;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        registry.SessionStarted -= OnSessionStarted;
        await _stopping.CancelAsync();
        Task[] links;
        lock (_lock) links = _links.ToArray();
        await Task.WhenAll(links).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void OnSessionStarted(PublishSession session)
    {
        var hello = new LinkHello(session.Name, session.Id, session.RemoteAddress, session.StartedAt.ToUnixTimeMilliseconds() * 1000);
        var link = new OriginLink(session.Stream, hello, cluster.Value.EffectiveOrigins, _clusterKey, options.Value, metrics, time, logger);
        var task = Task.Run(() => link.RunAsync(_stopping.Token));
        lock (_lock) _links.Add(task);
        task.ContinueWith(t =>
        {
            lock (_lock) _links.Remove(t);
        }, TaskScheduler.Default);
    }
}
