using Streaming.Ingest.Auth;
using Streaming.Ingest.Tests.Rtmp.Server;
using Streaming.Shared.Security;

namespace Streaming.Ingest.Tests.Auth;

[Collection(LiveRtmpCollection.Name)]
public class PublishAuthTests
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);
    private const string Secret = "0123456789abcdef-test-secret";

    [Fact]
    public async Task Keys_mode_publishes_a_valid_key_under_its_public_name()
    {
        await using var server = await PolicyTestServer.StartAsync(a => a.Mode = PublishAuthMode.Keys);
        Assert.True(server.Keys.TryCreate("show", out var key));
        var collector = new StreamCollector(server.Registry, "show");

        var exit = await FfmpegPublish.RunAsync(server.Url(key));

        Assert.Equal(0, exit);
        await collector.WaitForSessionsToFinishAsync(CloseWait);
        Assert.Equal(1, collector.Sessions);
        Assert.True(collector.Frames.Count > 20);
    }

    [Fact]
    public async Task Keys_mode_refuses_a_wrong_key_with_bad_name_and_starts_nothing()
    {
        await using var server = await PolicyTestServer.StartAsync(a => a.Mode = PublishAuthMode.Keys);
        Assert.True(server.Keys.TryCreate("show", out var key));

        var (closed, codes) = await server.TryPublishAsync(key + "x", CloseWait);
        var (closedByName, codesByName) = await server.TryPublishAsync("show", CloseWait);

        Assert.True(closed && closedByName);
        Assert.Contains("NetStream.Publish.BadName", codes);
        Assert.Contains("NetStream.Publish.BadName", codesByName);
        Assert.DoesNotContain("NetStream.Publish.Start", codes.Concat(codesByName));
        Assert.Equal(0, server.SessionsStarted);
        Assert.Equal(2, server.Rejects[AuthRejectReason.UnknownKey]);
    }

    [Fact]
    public async Task Hmac_mode_publishes_a_signed_key_under_its_name()
    {
        await using var server = await PolicyTestServer.StartAsync(a => { a.Mode = PublishAuthMode.Hmac; a.HmacSecret = Secret; });
        var collector = new StreamCollector(server.Registry, "signed");
        var key = SignedPublishKey.Mint(Secret, "signed", DateTimeOffset.UtcNow.AddMinutes(5));

        var exit = await FfmpegPublish.RunAsync(server.Url(key));

        Assert.Equal(0, exit);
        await collector.WaitForSessionsToFinishAsync(CloseWait);
        Assert.Equal(1, collector.Sessions);
    }

    [Fact]
    public async Task Hmac_mode_refuses_expired_and_tampered_keys_with_bad_name()
    {
        await using var server = await PolicyTestServer.StartAsync(a => { a.Mode = PublishAuthMode.Hmac; a.HmacSecret = Secret; });
        var expired = SignedPublishKey.Mint(Secret, "signed", DateTimeOffset.UtcNow.AddSeconds(-10));
        var valid = SignedPublishKey.Mint(Secret, "signed", DateTimeOffset.UtcNow.AddMinutes(5));
        var otherName = "other" + valid["signed".Length..];

        var results = new[]
        {
            await server.TryPublishAsync(expired, CloseWait),
            await server.TryPublishAsync(otherName, CloseWait),
            await server.TryPublishAsync("signed", CloseWait),
        };

        Assert.All(results, r => Assert.True(r.Closed));
        Assert.All(results, r => Assert.Contains("NetStream.Publish.BadName", r.Codes));
        Assert.Equal(0, server.SessionsStarted);
        Assert.Equal(1, server.Rejects[AuthRejectReason.Expired]);
        Assert.Equal(1, server.Rejects[AuthRejectReason.BadSignature]);
        Assert.Equal(1, server.Rejects[AuthRejectReason.Malformed]);
    }

    [Fact]
    public async Task Webhook_mode_allows_on_2xx_renames_and_notifies_unpublish()
    {
        using var hook = new FakeWebhook(body => (200, """{"name":"renamed"}""", TimeSpan.Zero));
        await using var server = await PolicyTestServer.StartAsync(a => { a.Mode = PublishAuthMode.Webhook; a.WebhookUrl = hook.Url; });
        var collector = new StreamCollector(server.Registry, "renamed");

        var exit = await FfmpegPublish.RunAsync(server.Url("cam1?token=abc"));

        Assert.Equal(0, exit);
        await collector.WaitForSessionsToFinishAsync(CloseWait);
        Assert.Equal(1, collector.Sessions);
        var deadline = DateTime.UtcNow + CloseWait;
        while (hook.Calls.Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
        var calls = hook.Calls.ToArray();
        Assert.Equal(["publish", "unpublish"], calls.Select(c => c.GetProperty("action").GetString()));
        Assert.Equal(("live", "cam1", "cam1?token=abc", "127.0.0.1"), (calls[0].GetProperty("app").GetString(),
            calls[0].GetProperty("name").GetString(), calls[0].GetProperty("key").GetString(), calls[0].GetProperty("clientAddress").GetString()));
        Assert.Equal("renamed", calls[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Webhook_mode_refuses_on_deny_and_on_timeout_with_rejected()
    {
        using var hook = new FakeWebhook(body => body.GetProperty("name").GetString() == "slow"
            ? (200, null, TimeSpan.FromSeconds(3))
            : (403, null, TimeSpan.Zero));
        await using var server = await PolicyTestServer.StartAsync(a =>
        {
            a.Mode = PublishAuthMode.Webhook;
            a.WebhookUrl = hook.Url;
            a.WebhookTimeoutMilliseconds = 300;
        });

        var denied = await server.TryPublishAsync("cam1", CloseWait);
        var slow = await server.TryPublishAsync("slow", CloseWait);

        Assert.True(denied.Closed && slow.Closed);
        Assert.Contains("NetStream.Publish.Rejected", denied.Codes);
        Assert.Contains("NetStream.Publish.Rejected", slow.Codes);
        Assert.Equal(0, server.SessionsStarted);
        Assert.Equal(1, server.Rejects[AuthRejectReason.WebhookDenied]);
        Assert.Equal(1, server.Rejects[AuthRejectReason.WebhookTimeout]);
    }

    [Fact]
    public async Task A_slow_webhook_does_not_block_other_connections()
    {
        using var hook = new FakeWebhook(body => body.GetProperty("name").GetString() == "slow"
            ? (200, null, TimeSpan.FromSeconds(3))
            : (200, null, TimeSpan.Zero));
        await using var server = await PolicyTestServer.StartAsync(a =>
        {
            a.Mode = PublishAuthMode.Webhook;
            a.WebhookUrl = hook.Url;
            a.WebhookTimeoutMilliseconds = 5000;
        });
        var slow = server.TryPublishAsync("slow", TimeSpan.FromSeconds(5));

        var started = DateTime.UtcNow;
        var fast = await server.TryPublishAsync("fast", TimeSpan.FromMilliseconds(700));

        Assert.Contains("NetStream.Publish.Start", fast.Codes);
        var elapsed = DateTime.UtcNow - started;
        Assert.True(elapsed < TimeSpan.FromSeconds(2.5), elapsed.ToString());
        Assert.False(slow.IsCompleted);
        var slowResult = await slow;
        Assert.True(slowResult.Codes.Contains("NetStream.Publish.Start"), string.Join(",", slowResult.Codes) + " closed=" + slowResult.Closed);
    }
}
