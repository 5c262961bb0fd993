using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Edge.Configuration;

namespace Streaming.Edge.Upstreams;

/// <summary>
/// Every <see cref="EdgeOptions.HealthProbeIntervalMilliseconds"/>: probes each upstream's <c>/healthz</c> (a failure
/// counts against its circuit; a pass closes a half-open circuit) and reads its <c>/api/streams</c> into the
/// <see cref="StreamDirectory"/>.
/// </summary>
public sealed partial class UpstreamMonitor : BackgroundService
{
    private readonly UpstreamSet _upstreams;
    private readonly UpstreamClient _client;
    private readonly StreamDirectory _directory;
    private readonly EdgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UpstreamMonitor> _logger;

    public UpstreamMonitor(UpstreamSet upstreams, UpstreamClient client, StreamDirectory directory, IOptions<EdgeOptions> options,
        TimeProvider time, ILogger<UpstreamMonitor> logger)
    {
        _upstreams = upstreams;
        _client = client;
        _directory = directory;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(_options.HealthProbeIntervalMilliseconds);
        using var timer = new PeriodicTimer(interval, _time);
        do
        {
            await Task.WhenAll(_upstreams.Members.Select(u => ProbeAsync(u, interval, stoppingToken))).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task ProbeAsync(Upstream upstream, TimeSpan interval, CancellationToken ct)
    {
        var timeout = TimeSpan.FromMilliseconds(Math.Clamp(interval.TotalMilliseconds, 200, 2000));
        var wasHealthy = upstream.Healthy;
        var healthy = await GetAsync(upstream, "healthz", timeout, ct).ConfigureAwait(false) is not null;
        upstream.Healthy = healthy;
        var now = _time.NowMilliseconds();
        if (!healthy) upstream.Breaker.RecordFailure(now);
        else if (upstream.Breaker.State(now) != CircuitState.Open) upstream.Breaker.RecordSuccess();
        if (healthy != wasHealthy) LogHealth(upstream.Name, healthy);
        if (!healthy)
        {
            _directory.Update(upstream.Name, null);
            return;
        }
        var streams = await GetAsync(upstream, "api/streams", timeout, ct).ConfigureAwait(false);
        try
        {
            _directory.Update(upstream.Name, streams is null ? null : JsonNode.Parse(streams) as JsonArray);
        }
        catch (System.Text.Json.JsonException)
        {
            _directory.Update(upstream.Name, null);
        }
    }

    private async Task<string?> GetAsync(Upstream upstream, string path, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await _client.Http.GetAsync(upstream.Resolve(path), cts.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cts.Token).ConfigureAwait(false) : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Upstream} healthy: {Healthy}")]
    private partial void LogHealth(string upstream, bool healthy);
}
