using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Transcode.Origin;
using Streaming.Transcode.Packaging;
using Streaming.Transcode.Tests.Packaging;

namespace Streaming.Transcode.Tests.Origin;

public sealed class LongGopMonitorTests
{
    [Fact]
    public void Long_gops_are_counted_and_logged_at_most_once_a_minute_per_stream()
    {
        using var meters = new CountingMeters();
        var time = new ManualTime();
        var options = SyntheticSource.Options();
        var registry = new OriginStreamRegistry(Options.Create(options), time);
        var logger = new WarningLog();
        using var monitor = new LongGopMonitor(registry, Options.Create(options), meters, time, logger);
        var keyframeless = registry.GetOrCreate("nokeys");
        var regular = registry.GetOrCreate("regular");
        var noKeys = new SyntheticSource { GopFrames = int.MaxValue };
        var normal = new SyntheticSource();
        keyframeless.Process(noKeys.TracksEvent());
        regular.Process(normal.TracksEvent());

        void Feed(double seconds)
        {
            foreach (var e in noKeys.Until((long)(seconds * 90000))) keyframeless.Process(e);
            foreach (var e in normal.Until((long)(seconds * 90000))) regular.Process(e);
            monitor.Poll();
        }

        Feed(9);
        Assert.Equal(0, meters.Total);
        Assert.Empty(logger.Lines);
        Feed(11);
        Assert.Equal(1, meters.Total);
        Assert.Contains("Stream nokeys: the publisher sent no keyframe for more than 10 s", Assert.Single(logger.Lines));

        time.Now += TimeSpan.FromSeconds(30);
        Feed(31); // two more stretches, within the minute: counted, not logged
        Assert.Equal(3, meters.Total);
        Assert.Single(logger.Lines);

        time.Now += TimeSpan.FromSeconds(31);
        Feed(41);
        Assert.Equal(4, meters.Total);
        Assert.Equal(2, logger.Lines.Count);
        Assert.Contains("(3 time(s) since the last warning)", logger.Lines[1]);
        Assert.DoesNotContain(logger.Lines, l => l.Contains("regular"));
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Sums what the long-GOP counter of its own meters measures.</summary>
    private sealed class CountingMeters : IMeterFactory
    {
        private readonly List<Meter> _meters = [];
        private readonly MeterListener _listener = new();
        private long _total;

        public CountingMeters()
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                lock (_meters) if (_meters.Contains(i.Meter) && i.Name == "streaming_origin_long_gops") l.EnableMeasurementEvents(i);
            };
            _listener.SetMeasurementEventCallback<long>((_, v, _, _) => Interlocked.Add(ref _total, v));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            lock (_meters) _meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            _listener.Dispose();
            lock (_meters) foreach (var meter in _meters) meter.Dispose();
        }
    }

    private sealed class WarningLog : ILogger<LongGopMonitor>
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Lines.Add(formatter(state, exception));
        }
    }
}
