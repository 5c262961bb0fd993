namespace Streaming.Ingest.Auth;

/// <summary>Values of the <c>reason</c> tag of <c>streaming_ingest_rejects</c> for refused publishes.</summary>
public static class AuthRejectReason
{
    public const string UnknownKey = "auth_unknown_key";
    public const string BadSignature = "auth_bad_signature";
    public const string Expired = "auth_expired";
    public const string Malformed = "auth_malformed";
    public const string WebhookDenied = "auth_webhook_denied";
    public const string WebhookTimeout = "auth_webhook_timeout";
    public const string WebhookError = "auth_webhook_error";
    public const string InvalidRename = "auth_invalid_rename";
}
