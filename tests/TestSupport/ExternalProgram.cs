using System.Diagnostics;

namespace Streaming.TestSupport;

/// <summary>Runs an external program to completion for a test: a missing program or a non-zero exit fails the test.</summary>
public static class ExternalProgram
{
    public static (string Stdout, string Stderr) Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(Tool.Require(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} timed out");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
        return (stdout, stderr.Result);
    }
}
