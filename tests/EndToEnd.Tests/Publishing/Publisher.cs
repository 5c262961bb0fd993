using System.Diagnostics;
using Streaming.EndToEnd.Tests.Infrastructure;

namespace Streaming.EndToEnd.Tests.Publishing;

/// <summary>
/// A real RTMP publisher (Debian's ffmpeg or GStreamer) sending a live 720p30 H.264 + AAC test signal,
/// for a fixed duration or until killed.
/// </summary>
public sealed class Publisher : IAsyncDisposable
{
    private readonly Process _process;

    private Publisher(string name, Process process, BoundedLog log)
    {
        Name = name;
        _process = process;
        Log = log;
    }

    public string Name { get; }

    public BoundedLog Log { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>ffmpeg: testsrc2 1280x720@30 + 440 Hz sine, libx264 veryfast zerolatency, GOP 2 s, AAC 128k.</summary>
    public static Publisher StartFfmpeg(string rtmpUrl, TimeSpan? duration = null) =>
        StartFfmpeg(rtmpUrl, duration, "1280x720", "veryfast", ["-g", "60", "-keyint_min", "60"]);

    /// <summary>
    /// ffmpeg: the test signal at 640x360 (ultrafast, light on the CPU) with one IDR and then only P-frames (x264
    /// keyint 100000, no scene cuts), at a constant 8 Mbit/s (filler NAL units) so that media held for too long
    /// shows in the receivers' memory.
    /// </summary>
    public static Publisher StartFfmpegWithoutKeyframes(string rtmpUrl, TimeSpan duration) =>
        StartFfmpeg(rtmpUrl, duration, "640x360", "ultrafast",
        [
            "-x264-params", "keyint=100000:min-keyint=100000:scenecut=0:nal-hrd=cbr:filler=1",
            "-b:v", "8M", "-minrate", "8M", "-maxrate", "8M", "-bufsize", "2M",
        ]);

    private static Publisher StartFfmpeg(string rtmpUrl, TimeSpan? duration, string size, string preset, IReadOnlyList<string> videoOptions)
    {
        var args = new List<string>
        {
            "-hide_banner", "-nostdin", "-loglevel", "error", "-re",
            "-f", "lavfi", "-i", $"testsrc2=size={size}:rate=30",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        };
        if (duration is { } d)
        {
            args.AddRange(["-t", d.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)]);
        }

        args.AddRange(["-c:v", "libx264", "-preset", preset, "-tune", "zerolatency"]);
        args.AddRange(videoOptions);
        args.AddRange(["-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-f", "flv", rtmpUrl]);
        return Start("ffmpeg", "ffmpeg", args);
    }

    /// <summary>
    /// GStreamer: videotestsrc 1280x720@30 I420 -> x264enc (zerolatency, keyframe every 60 frames) and
    /// audiotestsrc 48 kHz stereo -> voaacenc, muxed by flvmux into rtmp2sink. With a duration the sources
    /// stop after that many buffers and the pipeline ends on EOS (exit code 0).
    /// </summary>
    public static Publisher StartGStreamer(string rtmpUrl, TimeSpan? duration = null)
    {
        var videoBuffers = duration is { } dv ? $" num-buffers={(int)(dv.TotalSeconds * 30)}" : string.Empty;
        var audioBuffers = duration is { } da ? $" num-buffers={(int)(da.TotalSeconds * 100)}" : string.Empty;
        var pipeline =
            $"videotestsrc is-live=true{videoBuffers} ! video/x-raw,format=I420,width=1280,height=720,framerate=30/1 " +
            "! x264enc tune=zerolatency speed-preset=veryfast key-int-max=60 ! video/x-h264,profile=high ! h264parse " +
            $"! flvmux name=m streamable=true ! rtmp2sink location={rtmpUrl} " +
            $"audiotestsrc is-live=true samplesperbuffer=480{audioBuffers} ! audio/x-raw,rate=48000,channels=2 " +
            "! audioconvert ! voaacenc bitrate=128000 ! aacparse ! m.";
        var args = new List<string> { "-q", "-e" };
        args.AddRange(pipeline.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return Start("gstreamer", "gst-launch-1.0", args);
    }

    /// <summary>SIGKILL: the connection drops without any RTMP goodbye.</summary>
    public void KillHard() => ProcessKill.Sigkill(_process);

    /// <summary>Waits for the publisher to exit; returns its exit code, or null when it is still running.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public string Describe() =>
        $"===== publisher {Name} (pid {_process.Id}, {(HasExited ? $"exited {ExitCode}" : "running")}) =====" +
        Environment.NewLine + Log;

    public async ValueTask DisposeAsync()
    {
        ProcessKill.Tree(_process);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }

    private static Publisher Start(string name, string tool, IReadOnlyList<string> args)
    {
        var startInfo = new ProcessStartInfo(Tool.Require(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var log = new BoundedLog(200);
        log.Add("$ " + tool + " " + string.Join(' ', args));
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Add(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Publisher(name, process, log);
    }
}
