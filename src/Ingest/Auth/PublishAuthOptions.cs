namespace Streaming.Ingest.Auth;

/// <summary>Configuration section <c>Streaming:Ingest:Auth</c>.</summary>
public sealed class PublishAuthOptions
{
    public const string SectionName = "Streaming:Ingest:Auth";

    /// <summary>open (default) | keys | webhook | hmac.</summary>
    public PublishAuthMode Mode { get; set; } = PublishAuthMode.Open;
    /// <summary>
    /// Open mode is allowed only while RTMP (<c>Streaming:Ingest:ListenAddress</c>) listens on loopback, unless this is
    /// set to true explicitly (anyone who reaches the port may then publish any name). See <see cref="OpenPublishValidator"/>.
    /// </summary>
    public bool AllowOpenPublish { get; set; }
    /// <summary>Stream key store (keys mode), JSON, keys hashed at rest.</summary>
    public string KeysFile { get; set; } = "./data/stream-keys.json";
    /// <summary>Webhook mode: receives POST {action, app, name, key, clientAddress}.</summary>
    public string WebhookUrl { get; set; } = "";
    public int WebhookTimeoutMilliseconds { get; set; } = 2000;
    /// <summary>HMAC mode: the signing secret (at least 16 characters).</summary>
    public string HmacSecret { get; set; } = "";
}
