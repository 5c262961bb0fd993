using Streaming.Ingest.Rtmp.Flv;

namespace Streaming.Ingest.Tests.Rtmp.Flv;

public class RtmpTimestampExtenderTests
{
    [Fact]
    public void Timestamps_keep_counting_across_the_32_bit_wrap()
    {
        var extender = new RtmpTimestampExtender();
        Assert.Equal(0xFFFFFFF0L, extender.Extend(0xFFFFFFF0));
        Assert.Equal(0x100000010L, extender.Extend(0x00000010));
        Assert.Equal(0x100000030L, extender.Extend(0x00000030));
    }

    [Fact]
    public void Small_backward_steps_stay_backward()
    {
        var extender = new RtmpTimestampExtender();
        extender.Extend(1000);
        Assert.Equal(990, extender.Extend(990));
        Assert.Equal(1010, extender.Extend(1010));
    }
}
