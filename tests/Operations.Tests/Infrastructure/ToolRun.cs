using System.Diagnostics;
using System.Text;

namespace Streaming.Operations.Tests.Infrastructure;

/// <summary>Runs a tool to completion with a deadline, capturing its output (optionally feeding stdin).</summary>
public static class ToolRun
{
    public static async Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout,
        string? standardInput = null, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(Tool.Require(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();

        using var cts = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }

        process.WaitForExit(5000);
        string outText, errText;
        lock (stdout) outText = stdout.ToString();
        lock (stderr) errText = stderr.ToString();
        return new ToolResult(tool + " " + string.Join(' ', arguments), timedOut ? -1 : process.ExitCode, outText, errText, timedOut);
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null) return;
        lock (builder)
        {
            if (builder.Length < 1_000_000) builder.AppendLine(line);
        }
    }
}
