using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Tests.Rtmp.Server;

namespace Streaming.Ingest.Tests.Admin;

public class AdminApiTests
{
    private const string Token = "admin-test-token";

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token = Token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    private static async Task<RtmpTestClient> PublishAsync(int port, string key)
    {
        var client = await RtmpTestClient.ConnectAsync(port);
        await client.SendConnectAsync();
        await client.SendCommandAsync(0, "createStream", 2, AmfValue.Null);
        await client.SendCommandAsync(1, "publish", 3, AmfValue.Null, AmfValue.FromString(key), AmfValue.FromString("live"));
        return client;
    }

    [Fact]
    public async Task Requests_without_the_bearer_token_get_401()
    {
        await using var host = await AdminTestHost.StartAsync(Token);

        using var none = await host.Http.SendAsync(Request(HttpMethod.Get, "/admin/streams", token: null));
        using var wrong = await host.Http.SendAsync(Request(HttpMethod.Get, "/admin/keys", token: "nope"));
        using var right = await host.Http.SendAsync(Request(HttpMethod.Get, "/admin/keys"));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_token_the_admin_api_is_not_found()
    {
        await using var host = await AdminTestHost.StartAsync("");

        using var streams = await host.Http.SendAsync(Request(HttpMethod.Get, "/admin/streams", token: ""));
        using var openApi = await host.Http.GetAsync("/admin/openapi.json");

        Assert.Equal(HttpStatusCode.NotFound, streams.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, openApi.StatusCode);
    }

    [Fact]
    public async Task Key_lifecycle_list_stats_and_kick_work_end_to_end()
    {
        await using var host = await AdminTestHost.StartAsync(Token);

        using var created = await host.Http.SendAsync(Request(HttpMethod.Post, "/admin/keys", body: new { name = "show" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        using var duplicate = await host.Http.SendAsync(Request(HttpMethod.Post, "/admin/keys", body: new { name = "show" }));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var list = await (await host.Http.SendAsync(Request(HttpMethod.Get, "/admin/keys"))).Content.ReadAsStringAsync();
        Assert.Contains("\"show\"", list);
        Assert.DoesNotContain(key, list);
        Assert.DoesNotContain("hash", list, StringComparison.OrdinalIgnoreCase);

        await using var publisher = await PublishAsync(host.RtmpPort, key);
        Assert.False(await publisher.WaitClosedAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Contains("NetStream.Publish.Start", publisher.ReceivedCodes());
        var streams = await (await host.Http.SendAsync(Request(HttpMethod.Get, "/admin/streams"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("show", streams[0].GetProperty("name").GetString());
        Assert.True(streams[0].GetProperty("bytesIn").GetInt64() >= 0);

        using var kick = await host.Http.SendAsync(Request(HttpMethod.Delete, "/admin/streams/show"));
        Assert.Equal(HttpStatusCode.NoContent, kick.StatusCode);
        Assert.True(await publisher.WaitClosedAsync(TimeSpan.FromSeconds(5)));
        using var kickAgain = await host.Http.SendAsync(Request(HttpMethod.Delete, "/admin/streams/show"));
        Assert.Equal(HttpStatusCode.NotFound, kickAgain.StatusCode);

        using var deleted = await host.Http.SendAsync(Request(HttpMethod.Delete, "/admin/keys/show"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await using var refused = await PublishAsync(host.RtmpPort, key);
        Assert.True(await refused.WaitClosedAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("NetStream.Publish.BadName", refused.ReceivedCodes());
    }

    [Fact]
    public async Task Openapi_document_describes_every_admin_route()
    {
        await using var host = await AdminTestHost.StartAsync(Token);

        using var response = await host.Http.GetAsync("/admin/openapi.json");
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["/admin/openapi.json", "/admin/streams", "/admin/streams/{name}", "/admin/keys", "/admin/keys/{name}"], paths);
    }
}
