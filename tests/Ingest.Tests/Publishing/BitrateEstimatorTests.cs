using Streaming.Ingest.Publishing;

namespace Streaming.Ingest.Tests.Publishing;

public class BitrateEstimatorTests
{
    [Fact]
    public void Bitrate_is_bytes_over_media_time_per_window()
    {
        var estimator = new BitrateEstimator();
        for (var i = 0; i <= 30; i++) estimator.Add(i * 3000, 1000); // 30 fps, 1000 bytes each, 1 s
        Assert.Equal(240_000, estimator.BitsPerSecond);
    }
}
