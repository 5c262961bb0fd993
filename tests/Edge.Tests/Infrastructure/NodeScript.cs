using System.Diagnostics;

namespace Streaming.Edge.Tests.Infrastructure;

/// <summary>Runs npm/node in tests/Edge.Tests/browser (installing its pinned packages when missing); missing tools fail.</summary>
public static class NodeScript
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Edge.Tests", "browser");

    public static async Task EnsureInstalledAsync()
    {
        if (Directory.Exists(Path.Combine(Folder, "node_modules", "playwright-core"))) return;
        var (code, output) = await RunAsync(Tool.Require("npm"), ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(3));
        Assert.True(code == 0, "npm ci in tests/Edge.Tests/browser failed:\n" + output);
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }
}
