using Streaming.Transcode.FFmpeg.Bitstream;

namespace Streaming.Transcode.Tests.FFmpeg;

/// <summary>
/// A 2 s 1280x720 30 fps H.264 stream (x264, 2 B-frames, GOP 30) made once per test run by the
/// ffmpeg CLI, split into access units in decode order with 90 kHz pts (from the picture order
/// count) and dts, as AVCC payloads plus the avcC record.
/// </summary>
internal sealed class H264TestStream
{
    public const int FrameCount = 60;
    public const long FrameDuration = 3000; // 90 kHz ticks at 30 fps

    private static readonly Lazy<H264TestStream> Shared = new(Generate);

    private H264TestStream(byte[] annexB, IReadOnlyList<AccessUnit> units, byte[] avcC)
    {
        AnnexBStream = annexB;
        Units = units;
        AvcC = avcC;
    }

    public sealed record AccessUnit(byte[] Avcc, long Pts, long Dts, bool IsIdr);

    public static H264TestStream Instance => Shared.Value;

    public byte[] AnnexBStream { get; }
    public IReadOnlyList<AccessUnit> Units { get; }
    public byte[] AvcC { get; }

    private static H264TestStream Generate()
    {
        var directory = Directory.CreateTempSubdirectory("h264-test-stream-");
        try
        {
            var file = Path.Combine(directory.FullName, "out.h264");
            FfmpegTool.RunChecked("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc2=size=1280x720:rate=30", "-t", "2", "-c:v", "libx264", "-preset", "veryfast",
                "-bf", "2", "-g", "30", "-f", "h264", file);
            return FromAnnexB(File.ReadAllBytes(file));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static H264TestStream FromAnnexB(byte[] stream)
    {
        var split = AnnexBAccessUnitSplitter.Split(stream);
        Assert.Equal(FrameCount, split.Count);
        var units = new List<AccessUnit>(split.Count);
        for (var i = 0; i < split.Count; i++)
        {
            var avcc = new byte[AnnexB.AvccLength(split[i].AnnexB)];
            AnnexB.ToAvcc(split[i].AnnexB, avcc);
            // Decode order delay of 2 frames covers x264's B-pyramid with -bf 2.
            units.Add(new AccessUnit(avcc, split[i].DisplayIndex * FrameDuration, (i - 2) * FrameDuration, split[i].IsIdr));
        }
        var avcC = AvcDecoderConfigurationRecord.FromExtradata(split[0].AnnexB)
            ?? throw new InvalidOperationException("No SPS/PPS in the first access unit.");
        return new H264TestStream(stream, units, avcC);
    }
}
