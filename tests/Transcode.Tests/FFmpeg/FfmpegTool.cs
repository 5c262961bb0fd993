using System.ComponentModel;
using System.Diagnostics;

namespace Streaming.Transcode.Tests.FFmpeg;

/// <summary>Runs an external program (gcc, ffmpeg, ffprobe); a missing program fails the test, never skips it.</summary>
internal static class FfmpegTool
{
    public sealed record Output(int ExitCode, string StdOut, string StdErr);

    public static Output Run(string fileName, IEnumerable<string> arguments, int timeoutMs = 30_000)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Required tool '{fileName}' is not installed or not on PATH: {e.Message}", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeoutMs))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} did not finish within {timeoutMs} ms.");
            }
            return new Output(process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>Runs and asserts exit code 0, returning stdout.</summary>
    public static string RunChecked(string fileName, params string[] arguments)
    {
        var output = Run(fileName, arguments);
        Assert.True(output.ExitCode == 0,
            $"{fileName} {string.Join(' ', arguments)} exited with {output.ExitCode}:\n{output.StdErr}");
        return output.StdOut;
    }
}
