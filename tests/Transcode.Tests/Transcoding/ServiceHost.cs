using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Streaming.Transcode.Tests.Transcoding;

/// <summary>A built service started as <c>dotnet &lt;dll&gt;</c> (or any tool) with a bounded log; killed on dispose.</summary>
internal sealed class ServiceHost : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServiceHost(Process process) => _process = process;

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Streaming.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Streaming.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The configuration this test assembly was built in (Debug/Release): services are taken from the same one.</summary>
    public static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string Assembly(string project, string name)
    {
        var path = Path.Combine(RepoRoot, "src", project, "bin", Configuration, "net10.0", name);
        Assert.True(File.Exists(path), $"{path} is missing: build the solution (dotnet build Streaming.sln -c {Configuration}) first.");
        return path;
    }

    public static ServiceHost Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start");
        var host = new ServiceHost(process);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process ended within <paramref name="timeout"/>; null while it still runs.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            if (_log.Length > 200_000) _log.Remove(0, 100_000);
            _log.AppendLine(line);
        }
    }
}
