namespace Streaming.Transcode.Tests.Cmaf;

/// <summary>One 4-second H.264 (B-frames) + AAC FLV made by ffmpeg, shared by the CMAF integration tests.</summary>
public sealed class FlvSourceFixture : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("cmaf-");

    public FlvSourceFixture()
    {
        FlvPath = Path.Combine(_dir.FullName, "source.flv");
        ExternalTool.Run("ffmpeg", "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
            "-f", "lavfi", "-i", "sine=sample_rate=48000",
            "-t", "4", "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-bf", "2",
            "-c:a", "aac", "-f", "flv", FlvPath);
        Flv = FlvTestFile.Read(File.ReadAllBytes(FlvPath));
    }

    public string FlvPath { get; }
    internal FlvTestFile Flv { get; }
    public string WorkDirectory => _dir.FullName;

    public void Dispose() => _dir.Delete(recursive: true);
}
