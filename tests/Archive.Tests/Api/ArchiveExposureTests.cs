using System.Net;
using Streaming.Archive.Tests.Infrastructure;
using Streaming.Shared.Security;

namespace Streaming.Archive.Tests.Api;

/// <summary>The archiver as a real process (file store): its API beyond loopback needs the cluster secret, and with one the API needs the header.</summary>
public sealed class ArchiveExposureTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private static ChildProcess StartArchiver(string listenAddress, string secret, out int port)
    {
        var ports = FreePorts.Take(2);
        port = ports[0];
        var root = RepoPaths.NewTempDirectory("archive-exposure");
        var env = new Dictionary<string, string>
        {
            ["STREAMING__ARCHIVE__LISTENADDRESS"] = listenAddress,
            ["STREAMING__ARCHIVE__HTTPPORT"] = $"{ports[0]}",
            ["STREAMING__ARCHIVE__STORE"] = "file",
            ["STREAMING__ARCHIVE__FILEROOT"] = Path.Combine(root, "archive"),
            ["STREAMING__ARCHIVE__SPOOLDIRECTORY"] = Path.Combine(root, "spool"),
            // No origin listens there: discovery fails quietly, the API still answers.
            ["STREAMING__CLUSTER__ORIGINS__0__NAME"] = "o0",
            ["STREAMING__CLUSTER__ORIGINS__0__LINK"] = $"127.0.0.1:{ports[1]}",
            ["STREAMING__CLUSTER__ORIGINS__0__HTTP"] = $"http://127.0.0.1:{ports[1]}",
            ["STREAMING__CLUSTER__SECRET"] = secret,
        };
        return ChildProcess.Start("archiver", Tool.Require("dotnet"), [RepoPaths.ServiceAssembly("Archive", "Streaming.Archive")], env, root);
    }

    [Fact]
    public async Task Bound_to_every_interface_without_a_cluster_secret_the_archiver_stops_at_start_naming_the_key()
    {
        await using var archiver = StartArchiver("0.0.0.0", "", out _);

        var exit = await archiver.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exit == 2, $"exit code {exit}:\n{archiver.Log}");
        Assert.True(archiver.LogContains("Streaming:Archive:ListenAddress") && archiver.LogContains("Streaming:Cluster:Secret"), archiver.Log);
    }

    [Fact]
    public async Task With_a_cluster_secret_the_archive_api_answers_403_without_the_header_and_serves_with_it()
    {
        const string secret = "archive-exposure-test-secret";
        await using var archiver = StartArchiver("127.0.0.1", secret, out var port);
        await archiver.WaitForTcpAsync(port, TimeSpan.FromSeconds(30));
        var baseUrl = $"http://127.0.0.1:{port}";

        using var none = await Http.GetAsync(baseUrl + "/api/recordings");
        using var wrong = await Http.SendAsync(WithSecret(baseUrl + "/api/recordings", "guess"));
        using var vod = await Http.GetAsync(baseUrl + "/vod/cam/20260101T120000Z/index.m3u8");
        using var right = await Http.SendAsync(WithSecret(baseUrl + "/api/recordings", secret));
        using var missingVod = await Http.SendAsync(WithSecret(baseUrl + "/vod/cam/20260101T120000Z/index.m3u8", secret));
        using var health = await Http.GetAsync(baseUrl + "/healthz");

        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, vod.StatusCode);
        Assert.True(right.StatusCode == HttpStatusCode.OK, $"{right.StatusCode}: {await right.Content.ReadAsStringAsync()}\n{archiver.Log}");
        Assert.Equal("[]", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missingVod.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static HttpRequestMessage WithSecret(string url, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(ClusterSecretOptions.HeaderName, secret);
        return request;
    }
}
