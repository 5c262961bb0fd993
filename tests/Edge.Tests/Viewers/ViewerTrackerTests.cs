using Microsoft.Extensions.Options;
using Streaming.Edge.Configuration;
using Streaming.Edge.Viewers;

namespace Streaming.Edge.Tests.Viewers;

public sealed class ViewerTrackerTests
{
    private readonly ManualTimeProvider _time = new();

    private ViewerTracker Tracker(int maxPerStream = 1000, int maxStreams = 100) =>
        new(Options.Create(new EdgeOptions { ViewerWindowSeconds = 10, MaxViewersPerStream = maxPerStream, MaxStreams = maxStreams }), _time);

    [Fact]
    public void Counts_distinct_address_and_user_agent_pairs_per_stream()
    {
        var tracker = Tracker();
        tracker.Record("a", "10.0.0.1", "hls.js");
        tracker.Record("a", "10.0.0.1", "hls.js");
        tracker.Record("a", "10.0.0.1", "Safari");
        tracker.Record("a", "10.0.0.2", "hls.js");
        tracker.Record("b", "10.0.0.1", "hls.js");
        Assert.Equal((3, 1), (tracker.Count("a"), tracker.Count("b")));
    }

    [Fact]
    public void Viewers_not_seen_within_the_window_stop_counting()
    {
        var tracker = Tracker();
        tracker.Record("a", "10.0.0.1", "x");
        _time.Advance(TimeSpan.FromSeconds(6));
        tracker.Record("a", "10.0.0.2", "x");
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, tracker.Count("a"));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(tracker.Snapshot());
    }

    [Fact]
    public void Memory_is_bounded_per_stream_and_in_streams()
    {
        var tracker = Tracker(maxPerStream: 50, maxStreams: 3);
        for (var i = 0; i < 80; i++) tracker.Record("a", "10.0.0." + i, "x");
        Assert.Equal(50, tracker.Count("a"));
        Assert.Equal(30, tracker.Uncounted);
        for (var s = 0; s < 5; s++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            tracker.Record("s" + s, "10.0.0.1", "x");
        }
        Assert.Equal(3, tracker.Snapshot().Count);
    }
}
