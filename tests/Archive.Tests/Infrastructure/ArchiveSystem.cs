using System.Net.Http.Json;
using System.Text.Json;

namespace Streaming.Archive.Tests.Infrastructure;

/// <summary>
/// Real processes: s3rver, an origin, an ingest server and the archiver (S3 store), on free loopback
/// ports; the origin forgets a stream 2 s after its publisher left, so sessions finish quickly.
/// </summary>
public sealed class ArchiveSystem : IAsyncDisposable
{
    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly int _originHttp, _originLink, _rtmp, _ingestApi;
    private readonly List<ChildProcess> _publishers = [];
    private ChildProcess? _origin, _ingest;

    private ArchiveSystem(S3rver s3)
    {
        S3 = s3;
        var ports = FreePorts.Take(5);
        (_originHttp, _originLink, _rtmp, _ingestApi, ArchivePort) = (ports[0], ports[1], ports[2], ports[3], ports[4]);
        SpoolDirectory = RepoPaths.NewTempDirectory("spool");
    }

    public S3rver S3 { get; }
    public ChildProcess? Archiver { get; private set; }
    public int ArchivePort { get; }
    public string SpoolDirectory { get; }
    public string OriginUrl => $"http://127.0.0.1:{_originHttp}";
    public string ArchiveUrl => $"http://127.0.0.1:{ArchivePort}";

    public static async Task<ArchiveSystem> StartAsync()
    {
        Tool.Require("ffmpeg");
        var system = new ArchiveSystem(await S3rver.StartAsync());
        var dotnet = Tool.Require("dotnet");
        system._origin = ChildProcess.Start("origin", dotnet, [RepoPaths.ServiceAssembly("Transcode", "Streaming.Transcode")], new Dictionary<string, string>
        {
            ["STREAMING__ORIGIN__LISTENADDRESS"] = "127.0.0.1",
            ["STREAMING__ORIGIN__HTTPPORT"] = system._originHttp.ToString(),
            ["STREAMING__ORIGIN__LINKPORT"] = system._originLink.ToString(),
            ["STREAMING__HLS__RECONNECTWINDOWSECONDS"] = "2",
        });
        system._ingest = ChildProcess.Start("ingest", dotnet, [RepoPaths.ServiceAssembly("Ingest", "Streaming.Ingest")], new Dictionary<string, string>(system.Cluster())
        {
            ["STREAMING__INGEST__LISTENADDRESS"] = "127.0.0.1",
            ["STREAMING__INGEST__RTMPPORT"] = system._rtmp.ToString(),
            ["STREAMING__INGEST__APIPORT"] = system._ingestApi.ToString(),
        });
        await system._origin.WaitForTcpAsync(system._originHttp, TimeSpan.FromSeconds(30));
        await system._ingest.WaitForTcpAsync(system._rtmp, TimeSpan.FromSeconds(30));
        await system.StartArchiverAsync();
        return system;
    }

    public Dictionary<string, string> Cluster() => new()
    {
        ["STREAMING__CLUSTER__ORIGINS__0__NAME"] = "o0",
        ["STREAMING__CLUSTER__ORIGINS__0__LINK"] = $"127.0.0.1:{_originLink}",
        ["STREAMING__CLUSTER__ORIGINS__0__HTTP"] = OriginUrl,
    };

    public async Task StartArchiverAsync(string? accessKey = null, string? bucket = null, string? spoolDirectory = null)
    {
        var env = new Dictionary<string, string>(Cluster())
        {
            ["STREAMING__ARCHIVE__LISTENADDRESS"] = "127.0.0.1",
            ["STREAMING__ARCHIVE__HTTPPORT"] = ArchivePort.ToString(),
            ["STREAMING__ARCHIVE__STORE"] = "s3",
            ["STREAMING__ARCHIVE__SPOOLDIRECTORY"] = spoolDirectory ?? SpoolDirectory,
            ["STREAMING__ARCHIVE__RETRYMAXSECONDS"] = "2",
            ["STREAMING__ARCHIVE__S3__BUCKET"] = bucket ?? S3.Bucket,
            ["STREAMING__ARCHIVE__S3__SERVICEURL"] = S3.Url,
            ["STREAMING__ARCHIVE__S3__FORCEPATHSTYLE"] = "true",
            ["STREAMING__ARCHIVE__S3__REQUESTTIMEOUTSECONDS"] = "3",
            // Credentials through the standard AWS chain (environment).
            ["AWS_ACCESS_KEY_ID"] = accessKey ?? S3rver.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3rver.SecretKey,
        };
        Archiver = ChildProcess.Start("archiver", Tool.Require("dotnet"), [RepoPaths.ServiceAssembly("Archive", "Streaming.Archive")], env, SpoolDirectory);
        await Archiver.WaitForTcpAsync(ArchivePort, TimeSpan.FromSeconds(30));
    }

    public ChildProcess Publish(string stream, int seconds)
    {
        var ffmpeg = ChildProcess.Start("ffmpeg " + stream, Tool.Require("ffmpeg"),
        [
            "-hide_banner", "-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "60", "-pix_fmt", "yuv420p", "-c:a", "aac",
            "-t", seconds.ToString(), "-f", "flv", $"rtmp://127.0.0.1:{_rtmp}/live/{stream}",
        ], new Dictionary<string, string>());
        _publishers.Add(ffmpeg);
        return ffmpeg;
    }

    public async Task<double> MetricAsync(string series)
    {
        var text = await Http.GetStringAsync(ArchiveUrl + "/metrics");
        return text.Split('\n').Where(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Sum();
    }

    /// <summary>Waits until the stream has a finished session (VOD playlist stored) and the spool is empty; returns the session id.</summary>
    public async Task<string> WaitFinishedAsync(string stream, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var json = await Http.GetFromJsonAsync<JsonElement>($"{ArchiveUrl}/api/recordings?stream={stream}");
                var sessions = json.EnumerateArray().SelectMany(r => r.GetProperty("sessions").EnumerateArray()).ToArray();
                if (sessions.Length > 0 && sessions.All(s => !s.GetProperty("live").GetBoolean())
                    && await MetricAsync("streaming_archive_spool_objects") == 0)
                    return sessions[^1].GetProperty("id").GetString()!;
            }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException($"no finished session of {stream} within {timeout}\n{Describe()}");
    }

    public string Describe() =>
        string.Join("\n", new[] { _origin, _ingest, Archiver }.Concat(_publishers).Where(p => p is not null)
            .Select(p => $"===== {p!.Name} =====\n{p.Log}")) + "\n===== s3rver =====\n" + S3.Log;

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _publishers) await p.DisposeAsync();
        foreach (var p in new[] { Archiver, _ingest, _origin }) if (p is not null) await p.DisposeAsync();
        await S3.DisposeAsync();
    }
}
