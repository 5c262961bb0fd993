using Streaming.Shared.Hls;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Shared.Link;
using Streaming.Shared.Streams;
using Streaming.Transcode.Link;
using Streaming.Transcode.Origin;
using Streaming.Transcode.Packaging;
using Streaming.Transcode.Tests.Packaging;

namespace Streaming.Transcode.Tests.Origin;

public sealed class OriginMetricsTests
{
    [Fact]
    public void Part_availability_is_recorded_once_per_source_part_from_its_final_frame_arrival()
    {
        using var meters = new RecordingMeters();
        var time = new ManualTime();
        var registry = new OriginStreamRegistry(Options.Create(SyntheticSource.Options()), time);
        var metrics = new OriginMetrics(meters, registry, time);
        using var hub = new OriginHub(registry, new LinkServerMetrics(meters), time, NullLogger<OriginHub>.Instance, metrics);
        Assert.True(hub.TryBeginSession(new LinkHello("demo", Guid.NewGuid(), "127.0.0.1:1", 0), maxStreams: 1, out var session));
        var source = new SyntheticSource();
        session.SetTracks(source.Tracks);
        foreach (var e in source.Until(8 * 90000))
        {
            // The packager publishes within the call that delivers the frame: 3 ms after it arrived.
            time.Now = DateTimeOffset.UnixEpoch.AddTicks((e.Frame.ArrivalUnixMicros + 3000) * 10);
            session.Publish(e.Frame);
        }
        var recorded = meters.Values("streaming_origin_part_availability_seconds");
        Assert.Equal(16, recorded.Count);
        Assert.All(recorded, v => Assert.Equal(0.003, v, 9));
    }

    [Fact]
    public void Parts_segments_and_streams_are_observed_per_rendition_and_counters_survive_stream_removal()
    {
        using var meters = new RecordingMeters();
        var time = new ManualTime();
        var registry = new OriginStreamRegistry(Options.Create(SyntheticSource.Options()), time);
        _ = new OriginMetrics(meters, registry, time);
        var stream = registry.GetOrCreate("demo");
        var rung = stream.AddRendition("360p");
        var source = new SyntheticSource();
        stream.Process(source.TracksEvent());
        rung.Process(source.TracksEvent());
        foreach (var e in source.Until((long)(4.1 * 90000)))
        {
            rung.Process(StreamEvent.ForFrame(e.Frame.AddRef()));
            stream.Process(e);
        }

        meters.Collect();
        Assert.Equal(1, meters.Last("streaming_origin_streams"));
        Assert.Equal(8, meters.Last("streaming_origin_parts", "source"));
        Assert.Equal(8, meters.Last("streaming_origin_parts", "360p"));
        Assert.Equal(2, meters.Last("streaming_origin_segments", "source"));

        stream.Process(StreamEvent.ForSessionEnd()); // publishes frames 120 .. 122 as a last part and completes segment 2
        time.Now += registry.ReconnectWindow + TimeSpan.FromSeconds(1);
        Assert.Equal(["demo"], registry.RemoveExpired());
        meters.Collect();
        Assert.Equal(0, meters.Last("streaming_origin_streams"));
        Assert.Equal(9, meters.Last("streaming_origin_parts", "source"));
        Assert.Equal(3, meters.Last("streaming_origin_segments", "source"));
    }

    [Fact]
    public async Task Held_requests_are_gauged_and_timeouts_counted()
    {
        using var meters = new RecordingMeters();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IMeterFactory>(meters);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IOptions<HlsOptions>>(Options.Create(SyntheticSource.Options()));
        builder.Services.AddSingleton<IOptions<OriginOptions>>(Options.Create(new OriginOptions { BlockingRequestTimeoutSeconds = 1 }));
        builder.Services.AddSingleton<OriginStreamRegistry>();
        builder.Services.AddSingleton<OriginMetrics>();
        await using var app = builder.Build();
        app.MapHls();
        await app.StartAsync();
        var stream = app.Services.GetRequiredService<OriginStreamRegistry>().GetOrCreate("demo");
        var source = new SyntheticSource();
        stream.Process(source.TracksEvent());
        source.FeedUntil(stream.Source, 0.6); // part 0.0 out, part 0.1 is the preload hint
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var reload = http.GetAsync("/live/demo/source/index.m3u8?_HLS_msn=0&_HLS_part=1");
        var hinted = http.GetAsync($"/live/demo/source/{HlsNames.Part(stream.Instance, 0, 1)}");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (meters.Sum("streaming_origin_blocking_requests") < 2 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(2, meters.Sum("streaming_origin_blocking_requests"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await reload).StatusCode); // nothing published for 1 s
        Assert.Equal(HttpStatusCode.NotFound, (await hinted).StatusCode);
        Assert.Equal(0, meters.Sum("streaming_origin_blocking_requests"));
        Assert.Equal(2, meters.Sum("streaming_origin_blocking_timeouts"));
        await app.StopAsync();
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Creates meters and records what their instruments measure (only these meters: tests run in parallel).</summary>
    private sealed class RecordingMeters : IMeterFactory
    {
        private readonly List<Meter> _meters = [];
        private readonly MeterListener _listener = new();
        private readonly List<(string Name, string? Rendition, double Value)> _values = [];

        public RecordingMeters()
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                lock (_meters) if (_meters.Contains(i.Meter)) l.EnableMeasurementEvents(i);
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            _listener.Start();
        }

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            lock (_meters) _meters.Add(meter);
            return meter;
        }

        public void Collect() => _listener.RecordObservableInstruments();

        public List<double> Values(string name, string? rendition = null)
        {
            lock (_values) return _values.Where(v => v.Name == name && (rendition is null || v.Rendition == rendition)).Select(v => v.Value).ToList();
        }

        public double Last(string name, string? rendition = null) => Values(name, rendition).Last();
        public double Sum(string name) => Values(name).Sum();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? rendition = null;
            foreach (var tag in tags) if (tag.Key == "rendition") rendition = tag.Value as string;
            lock (_values) _values.Add((instrument.Name, rendition, value));
        }

        public void Dispose()
        {
            _listener.Dispose();
            lock (_meters) foreach (var m in _meters) m.Dispose();
        }
    }
}
