using System.Text;
using Streaming.Archive.Hls;

namespace Streaming.Archive.Tests.Hls;

/// <summary>Inputs that broke the <c>playlist</c> fuzz target's invariants (tools/Fuzz), kept as byte vectors.</summary>
public class OriginPlaylistParserFuzzRegressionTests
{
    /// <summary>
    /// Found with the target's invariant (non-negative msn) on boundary inputs, 2026-12-04: a media sequence at
    /// long.MaxValue or a huge EXT-X-SKIP wrapped the next msn to a negative number, accepted as
    /// <c>seg-9223372036854775808.m4s</c>.
    /// </summary>
    [Theory]
    [InlineData("234558544D33550A234558542D582D4D454449412D53455155454E43453A393232333337323033363835343737353830370A234558542D582D4D41503A5552493D223061316232633364346535662D696E69742E6D7034220A23455854494E463A322C0A3061316232633364346535662D736567393232333337323033363835343737353830372E6D34730A23455854494E463A322C0A3061316232633364346535662D7365672D393232333337323033363835343737353830382E6D34730A")]
    [InlineData("234558544D33550A234558542D582D4D454449412D53455155454E43453A350A234558542D582D534B49503A534B49505045442D5345474D454E54533D393232333337323033363835343737353830370A234558542D582D4D41503A5552493D223061316232633364346535662D696E69742E6D7034220A23455854494E463A322C0A3061316232633364346535662D7365672D393232333337323033363835343737353830342E6D34730A")]
    public void A_sequence_number_that_wraps_past_long_max_is_refused(string hex)
    {
        var text = Encoding.UTF8.GetString(Convert.FromHexString(hex));
        Assert.False(OriginPlaylistParser.TryParse(text, out _));
    }

    [Fact]
    public void The_largest_sequence_number_an_object_name_carries_is_still_accepted()
    {
        // Object names carry at most 18 digits (HlsNames), so this is the last msn before names run out.
        const string text = "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:999999999999999999\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init.mp4\"\n#EXTINF:2,\n0a1b2c3d4e5f-seg999999999999999999.m4s\n";
        Assert.True(OriginPlaylistParser.TryParse(text, out var playlist));
        Assert.Equal(999_999_999_999_999_999L, Assert.Single(playlist.Segments).Msn);
    }

    /// <summary>
    /// afl crash id 000000 of 2026-12-04 17:55 (invariant: msn increasing; the whole input is the corpus seed
    /// playlist/afl-media-sequence-again), minimized: a second EXT-X-MEDIA-SEQUENCE after segments renumbered the
    /// following ones, so seg4 came after seg8.
    /// </summary>
    [Fact]
    public void A_media_sequence_after_segments_is_refused()
    {
        var text = Encoding.UTF8.GetString(Convert.FromHexString(
            "234558544D33550A234558542D582D4D454449412D53455155454E43453A340A234558542D582D534B49503A534B49505045442D5345474D454E5453" +
            "3D340A234558542D582D4D41503A5552493D223061316232633364346535662D696E69742E6D7034220A23455854494E463A322C0A30613162326333" +
            "64346535662D736567382E6D34730A234558544D33550A234558542D582D4D454449412D53455155454E43453A340A23455854494E463A322C0A3061" +
            "316232633364346535662D736567342E6D34730A"));
        Assert.False(OriginPlaylistParser.TryParse(text, out _));
    }

    [Fact]
    public void A_skip_after_segments_is_refused()
    {
        const string text = "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:4\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init.mp4\"\n#EXTINF:2,\n0a1b2c3d4e5f-seg4.m4s\n" +
            "#EXT-X-SKIP:SKIPPED-SEGMENTS=2\n#EXTINF:2,\n0a1b2c3d4e5f-seg7.m4s\n";
        Assert.False(OriginPlaylistParser.TryParse(text, out _));
    }
}
