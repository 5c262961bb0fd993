using System.Diagnostics;
using System.Net;
using Streaming.Shared.Security;
using Streaming.Transcode.Tests.Transcoding;

namespace Streaming.Transcode.Tests.Origin;

/// <summary>The origin as a real process: its internal listeners beyond loopback need the cluster secret, and with one its HTTP API needs the header.</summary>
public sealed class OriginExposureTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private static ServiceHost StartOrigin(string listenAddress, string secret, out int httpPort)
    {
        var ports = ServiceHost.FreePorts(2);
        httpPort = ports[0];
        return ServiceHost.Start("dotnet", [ServiceHost.Assembly("Transcode", "Streaming.Transcode.dll")], new Dictionary<string, string>
        {
            ["DOTNET_NOLOGO"] = "1",
            ["STREAMING__ORIGIN__LISTENADDRESS"] = listenAddress,
            ["STREAMING__ORIGIN__HTTPPORT"] = $"{ports[0]}",
            ["STREAMING__ORIGIN__LINKPORT"] = $"{ports[1]}",
            ["STREAMING__TRANSCODE__ENABLED"] = "false",
            ["STREAMING__CLUSTER__SECRET"] = secret,
        });
    }

    [Fact]
    public async Task Bound_to_every_interface_without_a_cluster_secret_the_origin_stops_at_start_naming_the_key()
    {
        using var origin = StartOrigin("0.0.0.0", "", out _);

        var exit = await origin.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exit == 2, $"exit code {exit?.ToString() ?? "(still running)"}:\n{origin.Log}");
        Assert.Contains("Streaming:Origin:ListenAddress", origin.Log);
        Assert.Contains("Streaming:Cluster:Secret", origin.Log);
    }

    [Fact]
    public async Task With_a_cluster_secret_the_origin_api_answers_403_without_the_header_and_200_with_it()
    {
        const string secret = "origin-exposure-test-secret";
        using var origin = StartOrigin("127.0.0.1", secret, out var port);
        var baseUrl = $"http://127.0.0.1:{port}";
        await WaitHealthy(origin, baseUrl);

        using var none = await Http.GetAsync(baseUrl + "/api/streams");
        using var wrong = await Http.SendAsync(WithSecret(baseUrl + "/api/streams", "guess"));
        using var playlist = await Http.GetAsync(baseUrl + "/live/cam/index.m3u8");
        using var right = await Http.SendAsync(WithSecret(baseUrl + "/api/streams", secret));
        using var metrics = await Http.GetAsync(baseUrl + "/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, playlist.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    private static HttpRequestMessage WithSecret(string url, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(ClusterSecretOptions.HeaderName, secret);
        return request;
    }

    private static async Task WaitHealthy(ServiceHost host, string baseUrl)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Assert.False(host.HasExited, "origin exited during start-up:\n" + host.Log);
            try
            {
                using var response = await Http.GetAsync(baseUrl + "/healthz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        Assert.Fail("origin not healthy within 30 s:\n" + host.Log);
    }
}
