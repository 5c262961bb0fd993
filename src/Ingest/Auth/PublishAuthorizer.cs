using Microsoft.Extensions.Options;
using Streaming.Shared.Security;

namespace Streaming.Ingest.Auth;

/// <summary>
/// Decides whether a publish may start and under which public name, per <see cref="PublishAuthOptions.Mode"/>.
/// Runs on the publishing connection's task (asynchronously for the webhook), never blocking others.
/// </summary>
public sealed class PublishAuthorizer
{
    private readonly PublishAuthOptions _options;
    private readonly TimeProvider _time;
    private readonly StreamKeyStore _keys;
    private readonly PublishWebhook _webhook;

    public PublishAuthorizer(IOptions<PublishAuthOptions> options, TimeProvider time, StreamKeyStore keys, PublishWebhook webhook)
    {
        _options = options.Value;
        _time = time;
        _keys = keys;
        _webhook = webhook;
    }

    public PublishAuthMode Mode => _options.Mode;

    public ValueTask<PublishDecision> AuthorizeAsync(PublishRequest request, CancellationToken cancellationToken) => _options.Mode switch
    {
        PublishAuthMode.Keys => ValueTask.FromResult(ByKey(request)),
        PublishAuthMode.Webhook => new ValueTask<PublishDecision>(_webhook.AuthorizeAsync(request, cancellationToken)),
        PublishAuthMode.Hmac => ValueTask.FromResult(BySignature(request)),
        _ => ValueTask.FromResult(PublishDecision.Allow(request.PlainName)),
    };

    /// <summary>A publish authorized by <see cref="AuthorizeAsync"/> ended (webhook mode notifies, in the background).</summary>
    public void Unpublished(PublishRequest request, string name)
    {
        if (_options.Mode == PublishAuthMode.Webhook) _ = _webhook.NotifyUnpublishAsync(request, name);
    }

    private PublishDecision ByKey(PublishRequest request) =>
        _keys.TryResolve(request.PlainName, out var name)
            ? PublishDecision.Allow(name)
            : PublishDecision.Deny(PublishDecision.BadName, "Invalid stream key.", AuthRejectReason.UnknownKey);

    private PublishDecision BySignature(PublishRequest request) =>
        SignedPublishKey.Verify(_options.HmacSecret, request.Key, _time.GetUtcNow(), out var name) switch
        {
            SignatureCheck.Valid => PublishDecision.Allow(name),
            SignatureCheck.Expired => PublishDecision.Deny(PublishDecision.BadName, "Stream key expired.", AuthRejectReason.Expired),
            SignatureCheck.BadSignature => PublishDecision.Deny(PublishDecision.BadName, "Invalid stream key signature.", AuthRejectReason.BadSignature),
            _ => PublishDecision.Deny(PublishDecision.BadName, "Malformed stream key (expected name?exp=...&sig=...).", AuthRejectReason.Malformed),
        };
}
