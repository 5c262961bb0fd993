namespace Streaming.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The live system as a user runs it: origin (Transcode) then ingest, as real processes on free loopback
/// ports. One instance per test class (class fixture), so a test that breaks a service cannot break others.
/// A derived fixture may override origin settings (<see cref="OriginSettings"/>).
/// </summary>
public class SystemUnderTest : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(45);

    public int OriginHttpPort { get; private set; }

    public int OriginLinkPort { get; private set; }

    public int RtmpPort { get; private set; }

    public int IngestApiPort { get; private set; }

    public ServiceProcess Origin { get; private set; } = null!;

    public ServiceProcess Ingest { get; private set; } = null!;

    /// <summary><c>Streaming:Cluster:Secret</c> for both services when set (the origin then wants it on HTTP too, as <c>X-Streaming-Secret</c>).</summary>
    public string? ClusterSecret { get; init; }

    public string RtmpUrl(string stream) => $"rtmp://127.0.0.1:{RtmpPort}/live/{stream}";

    public string MasterPlaylistUrl(string stream) => $"http://127.0.0.1:{OriginHttpPort}/live/{stream}/index.m3u8";

    public string MediaPlaylistUrl(string stream) => $"http://127.0.0.1:{OriginHttpPort}/live/{stream}/source/index.m3u8";

    public string IngestStreamsUrl => $"http://127.0.0.1:{IngestApiPort}/api/streams";

    public string OriginStreamsUrl => $"http://127.0.0.1:{OriginHttpPort}/api/streams";

    /// <summary>Origin environment settings added to (or replacing) the defaults below.</summary>
    protected virtual IReadOnlyDictionary<string, string> OriginSettings { get; } = new Dictionary<string, string>();

    public string OriginMetricsUrl => $"http://127.0.0.1:{OriginHttpPort}/metrics";

    public async Task InitializeAsync()
    {
        var ports = FreePorts.Take(4);
        (OriginHttpPort, OriginLinkPort, RtmpPort, IngestApiPort) = (ports[0], ports[1], ports[2], ports[3]);

        var secret = ClusterSecret is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["STREAMING__CLUSTER__SECRET"] = ClusterSecret };
        var origin = new Dictionary<string, string>(secret)
        {
            ["STREAMING__ORIGIN__LISTENADDRESS"] = "127.0.0.1",
            ["STREAMING__ORIGIN__HTTPPORT"] = OriginHttpPort.ToString(),
            ["STREAMING__ORIGIN__LINKPORT"] = OriginLinkPort.ToString(),
            // A window longer than CAN-SKIP-UNTIL (6 target durations of 4 s) so delta updates have something to skip.
            ["STREAMING__HLS__WINDOWSEGMENTS"] = "16",
        };
        foreach (var (key, value) in OriginSettings) origin[key] = value;
        Origin = await ServiceProcess.StartAsync(
            "origin",
            RepoPaths.ServiceAssembly("Transcode", "Streaming.Transcode"),
            OriginHttpPort,
            origin,
            StartTimeout);

        Ingest = await ServiceProcess.StartAsync(
            "ingest",
            RepoPaths.ServiceAssembly("Ingest", "Streaming.Ingest"),
            IngestApiPort,
            new Dictionary<string, string>(secret)
            {
                ["STREAMING__INGEST__LISTENADDRESS"] = "127.0.0.1",
                ["STREAMING__INGEST__RTMPPORT"] = RtmpPort.ToString(),
                ["STREAMING__INGEST__APIPORT"] = IngestApiPort.ToString(),
                ["STREAMING__CLUSTER__ORIGINS__0__NAME"] = "origin-0",
                ["STREAMING__CLUSTER__ORIGINS__0__LINK"] = $"127.0.0.1:{OriginLinkPort}",
                ["STREAMING__CLUSTER__ORIGINS__0__HTTP"] = $"http://127.0.0.1:{OriginHttpPort}",
            },
            StartTimeout);
    }

    /// <summary>Recent output of every service, for failure messages.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Origin is not null) parts.Add(Origin.Describe());
        if (Ingest is not null) parts.Add(Ingest.Describe());
        return string.Join(Environment.NewLine, parts);
    }

    /// <summary>Runs a test body; any failure is rethrown with the services' and publishers' recent logs attached.</summary>
    public async Task RunAsync(Func<Task> body, params Func<string>[] extraDiagnostics)
    {
        try
        {
            await body();
        }
        catch (Exception e) when (e is not EndToEndFailure)
        {
            var extra = string.Join(Environment.NewLine, extraDiagnostics.Select(d => d()));
            throw new EndToEndFailure(e, extra + Environment.NewLine + Describe());
        }
    }

    public async Task DisposeAsync()
    {
        // Stop ingest first so the origin sees a normal disconnect.
        if (Ingest is not null) await Ingest.DisposeAsync();
        if (Origin is not null) await Origin.DisposeAsync();
    }
}
