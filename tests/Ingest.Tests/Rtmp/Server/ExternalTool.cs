using System.Diagnostics;

namespace Streaming.Ingest.Tests.Rtmp.Server;

/// <summary>Runs ffmpeg / gst-launch-1.0. A missing tool makes Process.Start throw, so the test fails.</summary>
internal static class ExternalTool
{
    public static Process Start(string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task<int> RunAsync(string file, string arguments, TimeSpan timeout)
    {
        using var process = Start(file, arguments);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish within {timeout}");
        }
        return process.ExitCode;
    }

    public static string FfmpegPublish(string url, int seconds, string size = "1280x720") =>
        $"-hide_banner -loglevel error -re -f lavfi -i testsrc2=size={size}:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 " +
        $"-c:v libx264 -preset veryfast -tune zerolatency -g 60 -c:a aac -t {seconds} -f flv {url}";
}
