using Streaming.Archive.Metrics;

namespace Streaming.Archive.Tests.Metrics;

public class FailureReasonTests
{
    [Fact]
    public void Exceptions_map_to_a_small_set_of_reasons()
    {
        Assert.Equal("access_denied", FailureReason.Of(new UnauthorizedAccessException()));
        Assert.Equal("io_error", FailureReason.Of(new IOException("Input/output error", 5)));
        Assert.Equal("unexpected", FailureReason.Of(new InvalidOperationException()));
    }
    // disk_full is checked against a real full disk in SessionJournalTests.
}
