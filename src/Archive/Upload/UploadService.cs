using System.Diagnostics;
using Microsoft.Extensions.Options;
using Streaming.Archive.Metrics;
using Streaming.Archive.Options;
using Streaming.Archive.Retry;
using Streaming.Archive.Spool;
using Streaming.Archive.Storage;

namespace Streaming.Archive.Upload;

/// <summary>
/// Drains the spool into the store with <see cref="ArchiveOptions.UploadConcurrency"/> workers. A failed
/// upload stays in the spool and is retried after <see cref="Backoff"/>; nothing is ever dropped for a store
/// failure. A supervisor checks the store at start and every few seconds while it is down (log + metric
/// <c>streaming_archive_store_up</c>) and logs spool pressure changes.
/// </summary>
public sealed class UploadService : BackgroundService
{
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(5);
    private readonly ObjectSpool _spool;
    private readonly IObjectStore _store;
    private readonly ArchiveMetrics _metrics;
    private readonly ArchiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UploadService> _logger;
    private int _failuresSinceSuccess;

    public UploadService(ObjectSpool spool, IObjectStore store, ArchiveMetrics metrics, IOptions<ArchiveOptions> options,
        TimeProvider time, ILogger<UploadService> logger)
    {
        _spool = spool;
        _store = store;
        _metrics = metrics;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, _options.UploadConcurrency).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken));
        return Task.WhenAll(workers.Append(Task.Run(() => SuperviseAsync(stoppingToken), stoppingToken)));
    }

    private async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        var pressure = SpoolPressure.Normal;
        var nextCheck = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (clock.Elapsed >= nextCheck)
            {
                // At start, and while down when the spool gives workers nothing to find out with.
                if (nextCheck == TimeSpan.Zero || !_metrics.StoreUp) await CheckStoreAsync(stoppingToken);
                nextCheck = clock.Elapsed + RecheckInterval;
            }
            var now = _spool.Pressure;
            if (now != pressure)
            {
                if (now > pressure) ArchiveLog.SpoolPressure(_logger, now.ToString(), _spool.Bytes, _spool.MaxBytes);
                pressure = now;
            }
            try { await Task.Delay(TimeSpan.FromMilliseconds(500), _time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task CheckStoreAsync(CancellationToken stoppingToken)
    {
        StoreResult result;
        try { result = await _store.CheckAsync(stoppingToken); }
        catch (OperationCanceledException) { return; }
        if (result.IsOk)
        {
            if (!_metrics.SetStoreUp(true) || _failuresSinceSuccess == 0) ArchiveLog.StoreUp(_logger, _store.Description);
            _spool.ReleaseBackoff();
            return;
        }
        _metrics.SetStoreUp(false);
        _metrics.Fail("store_" + StoreResult.Label(result.Status));
        ArchiveLog.StoreDown(_logger, _store.Description, StoreResult.Label(result.Status), result.Detail);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_spool.TryTake(out var entry, out var wait))
            {
                try { await _spool.WaitAsync(wait, stoppingToken); }
                catch (OperationCanceledException) { return; }
                continue;
            }
            try
            {
                await UploadAsync(entry, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                _spool.Retry(entry, TimeSpan.Zero);
                return;
            }
        }
    }

    private async Task UploadAsync(SpoolEntry entry, CancellationToken stoppingToken)
    {
        if (!_spool.TryReadBody(entry, out var body))
        {
            ArchiveLog.SpoolCorrupt(_logger, entry.Path);
            _metrics.Fail("spool_corrupt");
            _spool.Complete(entry);
            return;
        }
        var started = _time.GetTimestamp();
        var result = await _store.PutAsync(entry.Key, body, entry.Md5, entry.ContentType, stoppingToken);
        _metrics.UploadSeconds.Record(_time.GetElapsedTime(started).TotalSeconds);
        _metrics.Uploads.Add(1, new KeyValuePair<string, object?>("result", StoreResult.Label(result.Status)));
        if (result.IsOk)
        {
            _spool.Complete(entry);
            _metrics.BytesArchived.Add(entry.Length);
            if (entry.Kind == SpoolItemKind.Media && entry.Key.EndsWith(".m4s", StringComparison.Ordinal))
            {
                _metrics.SegmentsArchived.Add(1);
                var lag = _time.GetUtcNow().ToUnixTimeMilliseconds() - entry.ListedUnixMillis;
                _metrics.LagSeconds.Record(Math.Max(0, lag) / 1000.0);
            }
            var wasUp = _metrics.SetStoreUp(true);
            if (Interlocked.Exchange(ref _failuresSinceSuccess, 0) > 0 || !wasUp)
            {
                ArchiveLog.StoreUp(_logger, _store.Description);
                _spool.ReleaseBackoff();
            }
            if (_spool.Count == 0 && !wasUp) ArchiveLog.BacklogDrained(_logger);
            return;
        }
        var failures = Interlocked.Increment(ref _failuresSinceSuccess);
        if (result.Status is StoreStatus.Unavailable or StoreStatus.Unauthorized or StoreStatus.NoSuchBucket)
        {
            if (_metrics.SetStoreUp(false)) ArchiveLog.StoreDown(_logger, _store.Description, StoreResult.Label(result.Status), result.Detail);
        }
        _metrics.Fail("store_" + StoreResult.Label(result.Status));
        var delay = Backoff.Delay(entry.Attempts, TimeSpan.FromSeconds(_options.RetryBaseSeconds),
            TimeSpan.FromSeconds(_options.RetryMaxSeconds), Random.Shared.NextDouble());
        // One line per outage start, then every 50th failure: an outage must not flood the log.
        if (failures == 1 || failures % 50 == 0)
            ArchiveLog.UploadFailed(_logger, entry.Key, StoreResult.Label(result.Status), entry.Attempts, result.Detail, (long)delay.TotalMilliseconds);
        _spool.Retry(entry, delay);
    }
}
