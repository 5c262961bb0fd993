namespace Streaming.Operations.Tests.Infrastructure;

/// <summary>
/// The system as an operator runs it, on free loopback ports: origin (Transcode), ingest, edge and archive as real
/// processes sharing one cluster member list, plus an ffmpeg publisher sending a live test stream.
/// </summary>
public sealed class LiveCluster : IAsyncDisposable
{
    public const string StreamName = "demo";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(45);
    private readonly List<RunningProcess> _processes = [];

    private LiveCluster(string workDirectory) => WorkDirectory = workDirectory;

    public string WorkDirectory { get; }

    public List<ServiceEndpoint> Services { get; } = [];

    public int RtmpPort { get; private set; }

    public RunningProcess? Publisher { get; private set; }

    public ServiceEndpoint Edge => Services.Single(s => s.Job == "streaming-edge");

    public static async Task<LiveCluster> StartAsync(string workDirectory)
    {
        var cluster = new LiveCluster(workDirectory);
        try
        {
            await cluster.StartServicesAsync();
            cluster.StartPublisher();
            return cluster;
        }
        catch (Exception e)
        {
            var logs = cluster.Describe();
            await cluster.DisposeAsync();
            throw new InvalidOperationException($"The cluster did not start: {e.Message}{Environment.NewLine}{logs}", e);
        }
    }

    public string Describe() => string.Join(Environment.NewLine, _processes.Select(p => p.Describe()));

    public async ValueTask DisposeAsync()
    {
        // Publisher first, then ingest before origin, so the origin sees a normal end.
        for (var i = _processes.Count - 1; i >= 0; i--) await _processes[i].DisposeAsync();
    }

    private async Task StartServicesAsync()
    {
        var ports = FreePorts.Take(6);
        var (originHttp, originLink, rtmp, ingestApi, edgeHttp, archiveHttp) = (ports[0], ports[1], ports[2], ports[3], ports[4], ports[5]);
        RtmpPort = rtmp;
        var cluster = new Dictionary<string, string>
        {
            ["STREAMING__CLUSTER__ORIGINS__0__NAME"] = "origin-0",
            ["STREAMING__CLUSTER__ORIGINS__0__LINK"] = $"127.0.0.1:{originLink}",
            ["STREAMING__CLUSTER__ORIGINS__0__HTTP"] = $"http://127.0.0.1:{originHttp}",
        };

        await StartServiceAsync("streaming-origin", "Transcode", originHttp, new(cluster)
        {
            ["STREAMING__ORIGIN__LISTENADDRESS"] = "127.0.0.1",
            ["STREAMING__ORIGIN__HTTPPORT"] = $"{originHttp}",
            ["STREAMING__ORIGIN__LINKPORT"] = $"{originLink}",
        });
        await StartServiceAsync("streaming-ingest", "Ingest", ingestApi, new(cluster)
        {
            ["STREAMING__INGEST__LISTENADDRESS"] = "127.0.0.1",
            ["STREAMING__INGEST__RTMPPORT"] = $"{rtmp}",
            ["STREAMING__INGEST__APIPORT"] = $"{ingestApi}",
        });
        await StartServiceAsync("streaming-edge", "Edge", edgeHttp, new(cluster)
        {
            ["STREAMING__EDGE__LISTENADDRESS"] = "127.0.0.1",
            ["STREAMING__EDGE__HTTPPORT"] = $"{edgeHttp}",
        });
        await StartServiceAsync("streaming-archive", "Archive", archiveHttp, new(cluster)
        {
            ["STREAMING__ARCHIVE__LISTENADDRESS"] = "127.0.0.1",
            ["STREAMING__ARCHIVE__HTTPPORT"] = $"{archiveHttp}",
            ["STREAMING__ARCHIVE__STORE"] = "file",
            ["STREAMING__ARCHIVE__FILEROOT"] = Path.Combine(WorkDirectory, "archive"),
            ["STREAMING__ARCHIVE__SPOOLDIRECTORY"] = Path.Combine(WorkDirectory, "spool"),
        });
    }

    private async Task StartServiceAsync(string job, string project, int httpPort, Dictionary<string, string> environment)
    {
        var assembly = RepoPaths.ServiceAssembly(project);
        if (!File.Exists(assembly))
        {
            Assert.Fail($"Service assembly not found: {assembly}. Build first: dotnet build Streaming.sln -c {RepoPaths.Configuration}");
        }

        environment["DOTNET_NOLOGO"] = "1";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        var process = RunningProcess.Start(job, "dotnet", [assembly], environment, WorkDirectory);
        _processes.Add(process);
        var service = new ServiceEndpoint(job, httpPort, process);
        await process.WaitUntilAnswersAsync(service.Url("/healthz"), StartTimeout);
        Services.Add(service);
    }

    private void StartPublisher()
    {
        Publisher = RunningProcess.Start("ffmpeg publisher", "ffmpeg",
        [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-re",
            "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "60", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-t", "300",
            "-f", "flv", $"rtmp://127.0.0.1:{RtmpPort}/live/{StreamName}",
        ], workingDirectory: WorkDirectory);
        _processes.Add(Publisher);
    }
}
