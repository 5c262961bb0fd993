using System.Buffers;
using Streaming.Shared.Link;

namespace Streaming.Shared.Tests.Link;

/// <summary>Inputs the coverage-guided fuzzer (bench/fuzz/run.sh, target <c>link</c>) found, kept as byte vectors.</summary>
public class LinkCodecFuzzRegressionTests
{
    /// <summary>
    /// Tracks messages whose u32 sample rate or bitrate is above <see cref="int.MaxValue"/> decoded to negative
    /// <c>SampleRate</c>/<c>AnnouncedBitrate</c> (afl crash ids 000002 and 000003, 2026-12-04). They are refused now.
    /// </summary>
    [Theory]
    [InlineData("0000002702010100800000001006000000000000800000000000000000000000000A000BB800060A3918E100000A0A")]
    [InlineData("000000270202800000003A020000FFE4000000000000080200010000000003888040FE658880000000270200010000000000000000080200010000000003888040FE65888080400A651900")]
    public void A_track_rate_or_bitrate_beyond_a_signed_32_bit_value_is_refused(string hex)
    {
        var sequence = new ReadOnlySequence<byte>(Convert.FromHexString(hex));
        LinkReadStatus status;
        while ((status = LinkCodec.TryRead(ref sequence, out var message)) == LinkReadStatus.Message)
        {
            if (message.Type == LinkMessageType.Frame) message.Frame.Release();
            foreach (var track in new[] { message.Tracks?.Video, message.Tracks?.Audio })
                Assert.True(track is null || track is { SampleRate: >= 0, AnnouncedBitrate: >= 0 }, $"{track?.SampleRate} Hz, {track?.AnnouncedBitrate} b/s");
        }
        Assert.Equal(LinkReadStatus.Invalid, status);
    }
}
