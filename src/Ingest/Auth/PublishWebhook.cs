using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Streaming.Shared.Streams;

namespace Streaming.Ingest.Auth;

/// <summary>
/// Asks <see cref="PublishAuthOptions.WebhookUrl"/> whether a publish may start: 2xx allows (a JSON reply
/// <c>{"name": "x"}</c> renames the stream), any other status, a connection failure or no answer within
/// <see cref="PublishAuthOptions.WebhookTimeoutMilliseconds"/> denies. Unpublish is a notification whose
/// answer is ignored.
/// </summary>
public sealed class PublishWebhook : IDisposable
{
    private const int MaxReplyBytes = 16 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly TimeSpan _timeout;

    public PublishWebhook(IOptions<PublishAuthOptions> options)
    {
        var o = options.Value;
        _url = Uri.TryCreate(o.WebhookUrl, UriKind.Absolute, out var url) ? url : new Uri("http://127.0.0.1/");
        _timeout = TimeSpan.FromMilliseconds(o.WebhookTimeoutMilliseconds);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = MaxReplyBytes,
        };
    }

    public async Task<PublishDecision> AuthorizeAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_timeout);
        try
        {
            var payload = new WebhookPayload("publish", request.App, request.PlainName, request.Key, request.ClientAddress);
            using var response = await _http.PostAsJsonAsync(_url, payload, Json, cts.Token);
            if (!response.IsSuccessStatusCode)
                return PublishDecision.Deny(PublishDecision.Rejected, $"Publish refused by the authorization service ({(int)response.StatusCode}).",
                    AuthRejectReason.WebhookDenied);
            var name = request.PlainName;
            var body = await response.Content.ReadAsByteArrayAsync(cts.Token);
            if (body.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
            {
                if (TryReadRename(body, out var rename)) name = rename ?? name;
                else return PublishDecision.Deny(PublishDecision.Rejected, "Invalid reply from the authorization service.", AuthRejectReason.WebhookError);
            }
            if (!StreamNames.IsValid(name))
                return PublishDecision.Deny(PublishDecision.BadName, $"Invalid stream name {name}.", AuthRejectReason.InvalidRename);
            return PublishDecision.Allow(name);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PublishDecision.Deny(PublishDecision.Rejected, "The authorization service did not answer in time.", AuthRejectReason.WebhookTimeout);
        }
        catch (HttpRequestException)
        {
            return PublishDecision.Deny(PublishDecision.Rejected, "The authorization service is unreachable.", AuthRejectReason.WebhookError);
        }
    }

    /// <summary>Tells the webhook a stream ended; failures are ignored (returns false).</summary>
    public async Task<bool> NotifyUnpublishAsync(PublishRequest request, string name)
    {
        using var cts = new CancellationTokenSource(_timeout);
        try
        {
            var payload = new WebhookPayload("unpublish", request.App, name, request.Key, request.ClientAddress);
            using var response = await _http.PostAsJsonAsync(_url, payload, Json, cts.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();

    private static bool TryReadRename(byte[] body, out string? name)
    {
        name = null;
        try
        {
            var reply = JsonSerializer.Deserialize<WebhookReply>(body, Json);
            name = string.IsNullOrEmpty(reply?.Name) ? null : reply.Name;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
