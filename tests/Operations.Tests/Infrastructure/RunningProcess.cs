using System.Diagnostics;

namespace Streaming.Operations.Tests.Infrastructure;

/// <summary>
/// A long-running process started by a test (a service, Prometheus, a publisher): output kept in a bounded log
/// for failure messages, the whole process tree killed on dispose.
/// </summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process _process;

    private RunningProcess(string name, Process process, BoundedLog log)
    {
        Name = name;
        _process = process;
        Log = log;
    }

    public string Name { get; }

    public BoundedLog Log { get; }

    public bool HasExited => _process.HasExited;

    public static RunningProcess Start(string name, string tool, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
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
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) startInfo.Environment[key] = value;

        var log = new BoundedLog();
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Add("stderr: " + e.Data); };
        process.Exited += (_, _) => log.Add("<process exited>");
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log.Add($"<started pid {process.Id}: {tool} {string.Join(' ', startInfo.ArgumentList)}>");
        return new RunningProcess(name, process, log);
    }

    /// <summary>Waits until GET <paramref name="url"/> answers 2xx; throws with the log when the process exits or time runs out.</summary>
    public async Task WaitUntilAnswersAsync(string url, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} during start-up.{Environment.NewLine}{Describe()}");
            }

            try
            {
                using var response = await Probe.GetAsync(url);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} did not answer {url} within {timeout.TotalSeconds:F0} s.{Environment.NewLine}{Describe()}");
    }

    public string Describe() =>
        $"===== {Name} ({(_process.HasExited ? "EXITED" : "running")}) ====={Environment.NewLine}{Log}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Log.Add("<did not exit within 10 s of SIGKILL>");
        }

        _process.Dispose();
    }
}
