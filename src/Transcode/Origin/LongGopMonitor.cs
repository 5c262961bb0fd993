using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Origin;

/// <summary>
/// Reports publishers whose GOP is longer than <see cref="HlsOptions.MaxGopSeconds"/>. Each source packager
/// counts its long-GOP stretches (<see cref="RenditionPackager.LongGops"/>, nothing allocated per frame); this
/// polls them once per <see cref="PollInterval"/>, adds new ones to <c>streaming_origin_long_gops_total</c> and
/// logs a warning per stream at most once per <see cref="LogInterval"/>. Such a publisher is still served:
/// its segments are cut at the maximum duration without a keyframe (see docs/operations.md).
/// </summary>
public sealed partial class LongGopMonitor : IHostedService, IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly OriginStreamRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ILogger<LongGopMonitor> _logger;
    private readonly double _maxGopSeconds;
    private readonly Counter<long> _longGops;
    private readonly Dictionary<OriginStream, Seen> _seen = new(ReferenceEqualityComparer.Instance);
    private ITimer? _timer;

    private sealed class Seen
    {
        public long Counted;
        public long Logged;
        public DateTimeOffset LoggedAt = DateTimeOffset.MinValue;
        public bool Listed;
    }

    public LongGopMonitor(OriginStreamRegistry registry, IOptions<HlsOptions> options, IMeterFactory meters, TimeProvider time,
        ILogger<LongGopMonitor> logger)
    {
        _registry = registry;
        _time = time;
        _logger = logger;
        _maxGopSeconds = options.Value.MaxGopSeconds;
        _longGops = meters.Create(OriginMetrics.MeterName).CreateCounter<long>("streaming_origin_long_gops",
            description: "Stretches of Streaming:Hls:MaxGopSeconds of source video without a keyframe (publishers with too long a GOP).");
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer ??= _time.CreateTimer(_ => Poll(), null, PollInterval, PollInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>Counts and logs what the source packagers found since the last poll (timer thread).</summary>
    public void Poll()
    {
        var now = _time.GetUtcNow();
        lock (_seen)
        {
            foreach (var seen in _seen.Values) seen.Listed = false;
            foreach (var stream in _registry.List())
            {
                if (!_seen.TryGetValue(stream, out var seen)) _seen.Add(stream, seen = new Seen());
                seen.Listed = true;
                var count = stream.Source.LongGops;
                if (count == seen.Counted) continue;
                _longGops.Add(count - seen.Counted);
                seen.Counted = count;
                if (now - seen.LoggedAt < LogInterval) continue;
                LogLongGop(_logger, stream.Name, _maxGopSeconds, count - seen.Logged);
                seen.Logged = count;
                seen.LoggedAt = now;
            }
            foreach (var (stream, seen) in _seen.ToArray())
            {
                if (!seen.Listed) _seen.Remove(stream);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: the publisher sent no keyframe for more than {MaxGopSeconds} s " +
        "({Stretches} time(s) since the last warning); segments are cut without keyframes, so viewers may wait longer to start. " +
        "Set the encoder's keyframe interval to the segment duration.")]
    private static partial void LogLongGop(ILogger logger, string stream, double maxGopSeconds, long stretches);
}
