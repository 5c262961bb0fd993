using System.Diagnostics.Metrics;
using Streaming.Shared.Metrics;

namespace Streaming.Shared.Tests.Metrics;

public class PrometheusExporterTests
{
    [Fact]
    public void Counters_gauges_and_histograms_render_in_the_text_format()
    {
        using var exporter = new PrometheusExporter("Streaming.TestGolden");
        using var meter = new Meter("Streaming.TestGolden");
        var counter = meter.CreateCounter<long>("streaming_test_frames", description: "Frames.");
        var gauge = meter.CreateUpDownCounter<int>("streaming_test_publishers", description: "Publishers.");
        var histogram = meter.CreateHistogram<double>("streaming_test_latency_seconds", description: "Latency.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1] });
        counter.Add(3, new KeyValuePair<string, object?>("kind", "video"));
        counter.Add(2, new KeyValuePair<string, object?>("kind", "video"));
        counter.Add(1, new KeyValuePair<string, object?>("kind", "au\"d\\io\n"));
        gauge.Add(2);
        gauge.Add(-1);
        histogram.Record(0.005);
        histogram.Record(0.05);
        histogram.Record(7);

        var expected = """
            # HELP streaming_test_frames_total Frames.
            # TYPE streaming_test_frames_total counter
            streaming_test_frames_total{kind="au\"d\\io\n"} 1
            streaming_test_frames_total{kind="video"} 5
            # HELP streaming_test_latency_seconds Latency.
            # TYPE streaming_test_latency_seconds histogram
            streaming_test_latency_seconds_bucket{le="0.01"} 1
            streaming_test_latency_seconds_bucket{le="0.1"} 2
            streaming_test_latency_seconds_bucket{le="+Inf"} 3
            streaming_test_latency_seconds_sum 7.055
            streaming_test_latency_seconds_count 3
            # HELP streaming_test_publishers Publishers.
            # TYPE streaming_test_publishers gauge
            streaming_test_publishers 1

            """.Replace("\r\n", "\n");
        Assert.Equal(expected, exporter.Scrape());
    }

    [Fact]
    public void Observable_gauges_are_read_at_scrape_time()
    {
        using var exporter = new PrometheusExporter("Streaming.TestObservable");
        using var meter = new Meter("Streaming.TestObservable");
        var value = 1;
        meter.CreateObservableGauge("streaming_test_queue_depth", () => value);
        Assert.Contains("streaming_test_queue_depth 1\n", exporter.Scrape());
        value = 7;
        Assert.Contains("streaming_test_queue_depth 7\n", exporter.Scrape());
    }

    [Fact]
    public void Series_of_an_ended_stream_can_be_removed()
    {
        using var exporter = new PrometheusExporter("Streaming.TestRemove");
        using var meter = new Meter("Streaming.TestRemove");
        var counter = meter.CreateCounter<long>("streaming_test_bytes");
        counter.Add(1, new KeyValuePair<string, object?>("stream", "a"));
        counter.Add(1, new KeyValuePair<string, object?>("stream", "b"));
        exporter.RemoveSeries("stream", "a");
        var text = exporter.Scrape();
        Assert.DoesNotContain("stream=\"a\"", text);
        Assert.Contains("stream=\"b\"", text);
    }

    [Fact]
    public void Counters_and_histograms_are_exported_at_zero_before_their_first_event()
    {
        using var exporter = new PrometheusExporter("Streaming.TestZero");
        using var meter = new Meter("Streaming.TestZero");
        var errors = meter.CreateCounter<long>("streaming_test_errors");
        meter.CreateHistogram<double>("streaming_test_wait_seconds", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1] });
        var text = exporter.Scrape();
        Assert.Contains("streaming_test_errors_total 0\n", text);
        Assert.Contains("streaming_test_wait_seconds_count 0\n", text);

        errors.Add(1, new KeyValuePair<string, object?>("reason", "x"));
        text = exporter.Scrape();
        Assert.DoesNotContain("streaming_test_errors_total 0\n", text);
        Assert.Contains("streaming_test_errors_total{reason=\"x\"} 1\n", text);
    }

    [Theory]
    [InlineData("streaming.ingest.bytes", "streaming_ingest_bytes")]
    [InlineData("9lives", "_lives")]
    [InlineData("a-b:c", "a_b:c")]
    public void Names_are_sanitized(string input, string expected) => Assert.Equal(expected, PrometheusText.SanitizeName(input));
}
