using System.Net;

namespace Streaming.Edge.Tests.Infrastructure;

/// <summary>
/// Real processes for an end-to-end test: origins (Transcode), an ingest listing them, edges pulling from the
/// origins or from parent edges, and an ffmpeg publisher. Everything is killed on dispose;
/// <see cref="Describe"/> gives every process's recent output for failure messages.
/// </summary>
public sealed class LiveSystem : IAsyncDisposable
{
    private readonly List<ServiceProcess> _services = [];
    private readonly List<Publisher> _publishers = [];

    public sealed record Origin(string Name, int HttpPort, int LinkPort, ServiceProcess Process)
    {
        public string Http => $"http://127.0.0.1:{HttpPort}";
    }

    public List<Origin> Origins { get; } = [];
    public int RtmpPort { get; private set; }

    public HttpClient Http { get; } = new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<Origin> StartOriginAsync(string name, bool transcode = true, IReadOnlyDictionary<string, string>? extra = null)
    {
        var ports = FreePorts.Take(2);
        var process = await ServiceProcess.StartAsync(name, RepoPaths.ServiceAssembly("Transcode", "Streaming.Transcode"), ports[0],
            new Dictionary<string, string>
            {
                ["STREAMING__ORIGIN__LISTENADDRESS"] = "127.0.0.1",
                ["STREAMING__ORIGIN__HTTPPORT"] = ports[0].ToString(),
                ["STREAMING__ORIGIN__LINKPORT"] = ports[1].ToString(),
                ["STREAMING__TRANSCODE__ENABLED"] = transcode ? "true" : "false",
            }.Concat(extra ?? new Dictionary<string, string>()).ToDictionary());
        _services.Add(process);
        var origin = new Origin(name, ports[0], ports[1], process);
        Origins.Add(origin);
        return origin;
    }

    public async Task StartIngestAsync()
    {
        var ports = FreePorts.Take(2);
        RtmpPort = ports[0];
        var env = new Dictionary<string, string>
        {
            ["STREAMING__INGEST__LISTENADDRESS"] = "127.0.0.1",
            ["STREAMING__INGEST__RTMPPORT"] = ports[0].ToString(),
            ["STREAMING__INGEST__APIPORT"] = ports[1].ToString(),
        };
        AddClusterEnvironment(env);
        _services.Add(await ServiceProcess.StartAsync("ingest", RepoPaths.ServiceAssembly("Ingest", "Streaming.Ingest"), ports[1], env));
    }

    /// <summary>An edge pulling from the origins, or from <paramref name="parents"/> (shield tier) when given.</summary>
    public Task<ServiceProcess> StartEdgeAsync(string name, params ServiceProcess[] parents) =>
        StartEdgeAsync(name, new Dictionary<string, string>(), parents);

    /// <summary>As above, with extra environment (edge options) for the edge process.</summary>
    public async Task<ServiceProcess> StartEdgeAsync(string name, IReadOnlyDictionary<string, string> extra, params ServiceProcess[] parents)
    {
        var port = FreePorts.Take(1)[0];
        var env = new Dictionary<string, string>
        {
            ["STREAMING__EDGE__LISTENADDRESS"] = "127.0.0.1",
            ["STREAMING__EDGE__HTTPPORT"] = port.ToString(),
            ["STREAMING__EDGE__MAXCONNECTIONSPERIP"] = "0",
            ["STREAMING__EDGE__HEALTHPROBEINTERVALMILLISECONDS"] = "500",
        };
        AddClusterEnvironment(env);
        for (var i = 0; i < parents.Length; i++) env[$"STREAMING__EDGE__UPSTREAMS__{i}"] = parents[i].BaseUrl;
        foreach (var (key, value) in extra) env[key] = value;
        var edge = await ServiceProcess.StartAsync(name, RepoPaths.ServiceAssembly("Edge", "Streaming.Edge"), port, env);
        _services.Add(edge);
        return edge;
    }

    /// <summary>Publishes <paramref name="video"/> (an ffmpeg lavfi source, 640x360 at 30 fps; default: a moving test pattern).</summary>
    public Publisher Publish(string stream, string video = Publisher.TestPattern)
    {
        var publisher = new Publisher($"rtmp://127.0.0.1:{RtmpPort}/live/{stream}", video);
        _publishers.Add(publisher);
        return publisher;
    }

    /// <summary>Waits until <paramref name="baseUrl"/> serves the stream's media playlist with a preload hint; returns it.</summary>
    public async Task<string> WaitForPlaylistAsync(string baseUrl, string stream, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await Http.GetAsync($"{baseUrl}/live/{stream}/source/index.m3u8");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && SimulatedViewer.PreloadHint().IsMatch(body)) return body;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No playlist for {stream} at {baseUrl} within {timeout.TotalSeconds} s.\n{Describe()}");
    }

    public string Describe() =>
        string.Join("\n", _services.Select(s => s.Describe()).Concat(_publishers.Select(p => p.Describe())));

    public async ValueTask DisposeAsync()
    {
        // Every process is killed even when one of them fails to stop (no leaked services between tests).
        foreach (var publisher in _publishers) await DisposeQuietly(publisher);
        foreach (var service in Enumerable.Reverse(_services)) await DisposeQuietly(service);
        Http.Dispose();
    }

    private static async Task DisposeQuietly(IAsyncDisposable disposable)
    {
        try
        {
            await disposable.DisposeAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or did not exit in time after SIGKILL: nothing more to do here.
        }
    }

    private void AddClusterEnvironment(Dictionary<string, string> env)
    {
        for (var i = 0; i < Origins.Count; i++)
        {
            env[$"STREAMING__CLUSTER__ORIGINS__{i}__NAME"] = Origins[i].Name;
            env[$"STREAMING__CLUSTER__ORIGINS__{i}__LINK"] = $"127.0.0.1:{Origins[i].LinkPort}";
            env[$"STREAMING__CLUSTER__ORIGINS__{i}__HTTP"] = Origins[i].Http;
        }
    }
}
