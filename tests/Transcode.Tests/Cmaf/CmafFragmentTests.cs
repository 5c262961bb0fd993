using System.Buffers;
using System.Buffers.Binary;
using Streaming.Transcode.Cmaf;

namespace Streaming.Transcode.Tests.Cmaf;

public class CmafFragmentTests
{
    [Fact]
    public void Video_only_fragment_with_two_samples_matches_the_spec_layout()
    {
        var output = new ArrayBufferWriter<byte>();
        CmafSample[] video =
        [
            new(3000, 3000, true, new byte[] { 0xA1, 0xA2, 0xA3 }),
            new(3000, -3000, false, new byte[] { 0xB1, 0xB2 }),
        ];

        CmafFragment.Write(output, 7, 90000, video, 0, ReadOnlySpan<CmafSample>.Empty);

        var expected = Convert.FromHexString(
            "00000078" + "6d6f6f66" +                                           // moof, 120 bytes
            "00000010" + "6d666864" + "00000000" + "00000007" +                 // mfhd seq 7
            "00000060" + "74726166" +                                           // traf, 96 bytes
            "00000010" + "74666864" + "00020000" + "00000001" +                 // tfhd default-base-is-moof, track 1
            "00000014" + "74666474" + "01000000" + "0000000000015f90" +         // tfdt v1, 90000
            "00000034" + "7472756e" + "01000f01" + "00000002" + "00000080" +    // trun v1, 2 samples, offset 128
            "00000bb8" + "00000003" + "02000000" + "00000bb8" +                 // 3000, 3 bytes, sync, +3000
            "00000bb8" + "00000002" + "01010000" + "fffff448" +                 // 3000, 2 bytes, non-sync, -3000
            "0000000d" + "6d646174" + "a1a2a3" + "b1b2");                       // mdat
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void Audio_only_fragment_uses_default_sample_flags_and_a_version_0_trun()
    {
        var output = new ArrayBufferWriter<byte>();
        CmafSample[] audio = [new(1024, 0, true, new byte[] { 0x21, 0x22 })];

        CmafFragment.Write(output, 1, 0, ReadOnlySpan<CmafSample>.Empty, 48000, audio);

        var expected = Convert.FromHexString(
            "00000064" + "6d6f6f66" +
            "00000010" + "6d666864" + "00000000" + "00000001" +
            "0000004c" + "74726166" +
            "00000014" + "74666864" + "00020020" + "00000002" + "02000000" +   // + default_sample_flags
            "00000014" + "74666474" + "01000000" + "000000000000bb80" +
            "0000001c" + "7472756e" + "00000301" + "00000001" + "0000006c" +   // offset 108
            "00000400" + "00000002" +
            "0000000a" + "6d646174" + "2122");
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void Two_track_fragment_puts_video_then_audio_in_one_mdat_and_offsets_point_at_them()
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write(new byte[] { 0xEE, 0xEE }); // fragments are appended after what is already there
        CmafSample[] video = [new(3000, 0, true, new byte[] { 1, 2, 3, 4 }), new(3000, 0, false, new byte[] { 5 })];
        CmafSample[] audio = [new(1024, 0, true, new byte[] { 9, 9 }), new(1024, 0, true, new byte[] { 8 })];

        CmafFragment.Write(output, 3, 6000, video, 2048, audio);

        var fragment = output.WrittenSpan[2..];
        Assert.Equal(CmafFragment.GetSize(2, 2, 8), fragment.Length);
        var moofSize = (int)BinaryPrimitives.ReadUInt32BigEndian(fragment);
        var mdat = fragment[moofSize..];
        Assert.Equal("mdat", System.Text.Encoding.ASCII.GetString(mdat.Slice(4, 4)));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 9, 9, 8 }, mdat[8..].ToArray());

        var offsets = FindTrunDataOffsets(fragment);
        Assert.Equal([moofSize + 8, moofSize + 8 + 5], offsets);
        Assert.Equal(new byte[] { 9, 9 }, fragment.Slice(offsets[1], 2).ToArray());
    }

    [Fact]
    public void Empty_fragment_is_a_caller_bug()
    {
        Assert.Throws<ArgumentException>(() => CmafFragment.Write(new ArrayBufferWriter<byte>(), 1, 0,
            ReadOnlySpan<CmafSample>.Empty, 0, ReadOnlySpan<CmafSample>.Empty));
    }

    [Fact]
    public void Writing_a_fragment_allocates_only_in_the_output_buffer()
    {
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        var payload = new byte[100];
        var video = new CmafSample[30];
        for (var i = 0; i < video.Length; i++) video[i] = new CmafSample(3000, 6000, i == 0, payload);
        var audio = new CmafSample[47];
        for (var i = 0; i < audio.Length; i++) audio[i] = new CmafSample(1024, 0, true, payload);
        CmafFragment.Write(output, 1, 0, video, 0, audio);
        output.ResetWrittenCount();

        var before = GC.GetAllocatedBytesForCurrentThread();
        CmafFragment.Write(output, 2, 90000, video, 48128, audio);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static List<int> FindTrunDataOffsets(ReadOnlySpan<byte> fragment)
    {
        var result = new List<int>();
        for (var i = 4; i + 16 <= fragment.Length; i++)
        {
            if (fragment[i] == 't' && fragment[i + 1] == 'r' && fragment[i + 2] == 'u' && fragment[i + 3] == 'n')
                result.Add(BinaryPrimitives.ReadInt32BigEndian(fragment[(i + 12)..]));
        }
        return result;
    }
}
