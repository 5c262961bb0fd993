namespace Streaming.Operations.Tests.Promql;

public sealed class SelectorExtractorTests
{
    [Fact]
    public void Finds_metrics_inside_functions_and_aggregations_but_not_label_lists()
    {
        var selectors = SelectorExtractor.Extract(
            "histogram_quantile(0.95, sum by (le, instance) (rate(streaming_edge_upstream_fetch_seconds_bucket[5m])))");

        Assert.Equal(["streaming_edge_upstream_fetch_seconds_bucket"], selectors.Select(s => s.Metric));
    }

    [Fact]
    public void Reads_label_matchers_with_their_operators_and_unquoted_values()
    {
        var selector = Assert.Single(SelectorExtractor.Extract("sum(rate(streaming_edge_requests_total{status=~\"5..\", kind!=\"part\"}[1m]))"));

        Assert.Equal("streaming_edge_requests_total", selector.Metric);
        Assert.Equal([new LabelMatcher("status", "=~", "5.."), new LabelMatcher("kind", "!=", "part")], selector.Matchers);
    }

    [Fact]
    public void Skips_numbers_durations_keywords_offsets_and_subqueries()
    {
        var selectors = SelectorExtractor.Extract(
            "(sum by (job) (streaming_ingest_publishers offset 5m) - sum without (instance) (streaming_ingest_publishers)) > 1.5e3 " +
            "unless on (instance) max_over_time(up[1h:30s]) == bool 0 or vector(0)");

        Assert.Equal(["streaming_ingest_publishers", "streaming_ingest_publishers", "up"], selectors.Select(s => s.Metric));
    }

    [Fact]
    public void A_braces_only_selector_is_named_by_its_name_matcher()
    {
        var selector = Assert.Single(SelectorExtractor.Extract("{__name__=\"process_resident_memory_bytes\", job=\"streaming-edge\"}"));

        Assert.Equal("process_resident_memory_bytes", selector.Metric);
        Assert.Equal([new LabelMatcher("job", "=", "streaming-edge")], selector.Matchers);
    }
}
