using System.Collections.Concurrent;
using System.Diagnostics;

namespace Streaming.Edge.Tests.Infrastructure;

/// <summary>
/// A service started as <c>dotnet &lt;dll&gt;</c> with environment overrides, healthy once GET /healthz answers;
/// the last output lines are kept for failure messages; killed (SIGKILL) on dispose.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly HttpClient Health = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ServiceProcess(string name, int httpPort, Process process)
    {
        Name = name;
        HttpPort = httpPort;
        _process = process;
    }

    public string Name { get; }
    public int HttpPort { get; }
    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";
    public bool HasExited => _process.HasExited;

    public static async Task<ServiceProcess> StartAsync(string name, string assemblyPath, int httpPort, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(Tool.Require("dotnet"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        info.ArgumentList.Add(assemblyPath);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(name, httpPort, process);
        process.OutputDataReceived += (_, e) => service.Add(e.Data);
        process.ErrorDataReceived += (_, e) => service.Add(e.Data is null ? null : "stderr: " + e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode} during start-up.\n{service.Describe()}");
            try
            {
                using var response = await Health.GetAsync(service.BaseUrl + "/healthz");
                if (response.IsSuccessStatusCode) return service;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{name} not healthy within 30 s.\n{service.Describe()}");
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public string Describe() => $"===== {Name} ({BaseUrl}, {(HasExited ? "exited" : "running")}) =====\n" + string.Join('\n', _log);

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null) return;
        _log.Enqueue(line);
        while (_log.Count > 200) _log.TryDequeue(out _);
    }
}
