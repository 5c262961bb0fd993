using Streaming.Transcode.Tests.Cmaf;

namespace Streaming.Transcode.Tests.Transcoding;

/// <summary>Short FLV clips made once by Debian's ffmpeg (lavfi test sources), parsed with the test FLV reader.</summary>
public sealed class TranscodeSources : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("transcode-src-");
    private readonly Lazy<FlvTestFile> _hd, _sixty, _audioOnly, _videoOnly, _tiny, _noKeyframes;

    public TranscodeSources()
    {
        // 1280x720 30 fps with B-frames, 2 s GOP, AAC: the acceptance source.
        _hd = Make("hd.flv", ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=sample_rate=48000",
            "-t", "6", "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-bf", "2", "-pix_fmt", "yuv420p", "-c:a", "aac"]);
        _sixty = Make("sixty.flv", ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=60", "-f", "lavfi", "-i", "sine=sample_rate=48000",
            "-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-bf", "0", "-pix_fmt", "yuv420p", "-c:a", "aac"]);
        _audioOnly = Make("audio.flv", ["-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "3", "-c:a", "aac"]);
        _videoOnly = Make("video.flv", ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
            "-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-bf", "2", "-pix_fmt", "yuv420p"]);
        _tiny = Make("tiny.flv", ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-f", "lavfi", "-i", "sine=sample_rate=48000",
            "-t", "1", "-c:v", "libx264", "-preset", "ultrafast", "-g", "15", "-pix_fmt", "yuv420p", "-c:a", "aac"]);
        _noKeyframes = Make("nokeys.flv", ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=sample_rate=48000",
            "-t", "12", "-c:v", "libx264", "-preset", "ultrafast", "-x264-params", "keyint=100000:min-keyint=100000:scenecut=0",
            "-bf", "2", "-pix_fmt", "yuv420p", "-c:a", "aac"]);
    }

    /// <summary>1280x720, 30 fps, B-frames (-bf 2), keyframe every 60 frames, AAC 48 kHz, 6 s.</summary>
    internal FlvTestFile Hd => _hd.Value;
    /// <summary>640x360, 60 fps, keyframe every 60 frames, AAC, 3 s.</summary>
    internal FlvTestFile Sixty => _sixty.Value;
    internal FlvTestFile AudioOnly => _audioOnly.Value;
    /// <summary>640x360, 30 fps, B-frames, keyframe every 30 frames, no audio, 3 s.</summary>
    internal FlvTestFile VideoOnly => _videoOnly.Value;
    /// <summary>320x240, 30 fps, keyframe every 15 frames, AAC, 1 s.</summary>
    internal FlvTestFile Tiny => _tiny.Value;
    /// <summary>640x360, 30 fps, B-frames, one keyframe (the first) and only P/B-frames after it, AAC, 12 s.</summary>
    internal FlvTestFile NoKeyframes => _noKeyframes.Value;
    public string WorkDirectory => _dir.FullName;

    public void Dispose() => _dir.Delete(recursive: true);

    private Lazy<FlvTestFile> Make(string name, string[] args) => new(() =>
    {
        var path = Path.Combine(_dir.FullName, name);
        ExternalTool.Run("ffmpeg", ["-v", "error", "-y", .. args, "-f", "flv", path]);
        return FlvTestFile.Read(File.ReadAllBytes(path));
    });
}
