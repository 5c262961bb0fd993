namespace Streaming.Ingest.Auth;

/// <summary><c>Streaming:Ingest:Auth:Mode</c>.</summary>
public enum PublishAuthMode : byte
{
    /// <summary>Anyone may publish any valid name (local default).</summary>
    Open = 0,
    /// <summary>The publish name is a secret stream key mapped to a public name (<see cref="StreamKeyStore"/>).</summary>
    Keys = 1,
    /// <summary>An HTTP endpoint decides (<see cref="PublishWebhook"/>).</summary>
    Webhook = 2,
    /// <summary>The publish name is an HMAC-signed key with an expiry (<see cref="Streaming.Shared.Security.SignedPublishKey"/>).</summary>
    Hmac = 3,
}
