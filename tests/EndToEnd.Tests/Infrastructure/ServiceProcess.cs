using System.Diagnostics;

namespace Streaming.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One service started as `dotnet &lt;dll&gt;` with environment overrides; output kept in a bounded log
/// for failure messages; the process tree is killed on dispose.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly HttpClient HealthClient = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process _process;

    private ServiceProcess(string name, int httpPort, Process process, BoundedLog log)
    {
        Name = name;
        HttpPort = httpPort;
        _process = process;
        Log = log;
    }

    public string Name { get; }

    public int HttpPort { get; }

    public BoundedLog Log { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the assembly and waits until GET /healthz on <paramref name="httpPort"/> answers 2xx.</summary>
    public static async Task<ServiceProcess> StartAsync(
        string name, string assemblyPath, int httpPort, IReadOnlyDictionary<string, string> environment, TimeSpan startTimeout)
    {
        var startInfo = new ProcessStartInfo(Tool.Require("dotnet"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        startInfo.ArgumentList.Add(assemblyPath);
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // One log line per HTTP request would push the interesting lines out of the bounded log.
        startInfo.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        // Fallback only: services that bind their own configured ports override this.
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var log = new BoundedLog();
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Add("stderr: " + e.Data); };
        process.Exited += (_, _) => log.Add("<process exited>");
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log.Add($"<started pid {process.Id}: dotnet {assemblyPath} with {string.Join(' ', environment.Select(kv => kv.Key + "=" + kv.Value))}>");

        var service = new ServiceProcess(name, httpPort, process, log);
        await service.WaitHealthyAsync(startTimeout);
        return service;
    }

    /// <summary>Resident set size in bytes, from /proc/{pid}/status VmRSS.</summary>
    public long ReadResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]);
                return kilobytes * 1024;
            }
        }

        throw new InvalidOperationException($"VmRSS missing in /proc/{Pid}/status");
    }

    public async Task<bool> IsHealthyAsync()
    {
        try
        {
            using var response = await HealthClient.GetAsync($"http://127.0.0.1:{HttpPort}/healthz");
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public string Describe() =>
        $"===== {Name} (pid {Pid}, http {HttpPort}, {(HasExited ? "EXITED" : "running")}) =====" + Environment.NewLine + Log;

    public async ValueTask DisposeAsync()
    {
        ProcessKill.Tree(_process);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{Name} exited with code {_process.ExitCode} during start-up.{Environment.NewLine}{Describe()}");
            }

            if (await IsHealthyAsync())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(
            $"{Name} did not answer http://127.0.0.1:{HttpPort}/healthz within {timeout.TotalSeconds:F0} s.{Environment.NewLine}{Describe()}");
    }
}
