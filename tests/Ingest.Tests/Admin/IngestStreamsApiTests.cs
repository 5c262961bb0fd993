using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Streaming.Shared.Security;

namespace Streaming.Ingest.Tests.Admin;

public class IngestStreamsApiTests
{
    private const string Token = "admin-test-token";
    private const string Secret = "cluster-secret-for-ingest-tests";

    private static HttpRequestMessage Streams(string? bearer = null, string? secret = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/streams");
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (secret is not null) request.Headers.Add(ClusterSecretOptions.HeaderName, secret);
        return request;
    }

    [Fact]
    public async Task On_loopback_the_stream_list_is_open()
    {
        await using var host = await AdminTestHost.StartAsync(Token);

        using var response = await host.Http.SendAsync(Streams());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Beyond_loopback_the_stream_list_needs_the_admin_token_or_the_cluster_secret()
    {
        await using var host = await AdminTestHost.StartAsync(Token, new Dictionary<string, string?>
        {
            ["Streaming:Ingest:ApiListenAddress"] = "0.0.0.0",
            ["Streaming:Cluster:Secret"] = Secret,
        });

        using var none = await host.Http.SendAsync(Streams());
        using var wrongBearer = await host.Http.SendAsync(Streams(bearer: "guess"));
        using var wrongSecret = await host.Http.SendAsync(Streams(secret: "guess"));
        using var bearer = await host.Http.SendAsync(Streams(bearer: Token));
        using var secret = await host.Http.SendAsync(Streams(secret: Secret));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongBearer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secret.StatusCode);
    }

    [Fact]
    public async Task An_api_beyond_loopback_without_the_cluster_secret_stops_the_start_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AdminTestHost.StartAsync(Token, new Dictionary<string, string?>
        {
            ["Streaming:Ingest:ApiListenAddress"] = "0.0.0.0",
        }));

        Assert.Contains("Streaming:Ingest:ApiListenAddress", error.Message);
        Assert.Contains("Streaming:Cluster:Secret", error.Message);
    }

    [Fact]
    public async Task Open_publishing_on_a_public_rtmp_address_stops_the_start_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AdminTestHost.StartAsync(Token, new Dictionary<string, string?>
        {
            ["Streaming:Ingest:ListenAddress"] = "0.0.0.0",
            ["Streaming:Ingest:Auth:Mode"] = "open",
        }));

        Assert.Contains("Streaming:Ingest:Auth:AllowOpenPublish", error.Message);
    }
}
