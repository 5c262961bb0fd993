using System.Collections.Concurrent;
using System.Diagnostics;

namespace Streaming.Edge.Tests.Infrastructure;

/// <summary>ffmpeg publishing a synthetic 640x360 30 fps H.264 + AAC source (a test pattern unless told) over RTMP in real time (2 s GOP).</summary>
public sealed class Publisher : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    public const string TestPattern = "testsrc2=size=640x360:rate=30";

    /// <summary><paramref name="video"/>: an ffmpeg lavfi video source without spaces, e.g. <c>color=c=red:size=640x360:rate=30</c>.</summary>
    public Publisher(string rtmpUrl, string video = TestPattern)
    {
        var info = new ProcessStartInfo(Tool.Require("ffmpeg"))
        {
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in ($"-nostdin -hide_banner -loglevel warning -re -f lavfi -i {video} " +
                             "-f lavfi -i sine=frequency=440:sample_rate=48000 -c:v libx264 -preset veryfast -tune zerolatency " +
                             "-g 60 -pix_fmt yuv420p -c:a aac -f flv").Split(' '))
        {
            info.ArgumentList.Add(arg);
        }
        info.ArgumentList.Add(rtmpUrl);
        _process = new Process { StartInfo = info };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            _log.Enqueue(e.Data);
            while (_log.Count > 50) _log.TryDequeue(out string? _);
        };
        _process.Start();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public string Describe() => "===== ffmpeg =====\n" + string.Join('\n', _log);

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
