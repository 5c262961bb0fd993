namespace Streaming.Shared.Security;

/// <summary>Outcome of checking a signed credential (playback token or signed publish key).</summary>
public enum SignatureCheck : byte
{
    Valid = 0,
    /// <summary>No credential given.</summary>
    Missing = 1,
    /// <summary>Not in the documented format (bad separators, non-numeric expiry, wrong signature length).</summary>
    Malformed = 2,
    /// <summary>Well-formed and correctly signed, but the expiry is in the past.</summary>
    Expired = 3,
    /// <summary>The signature does not match (tampered, other stream, other secret).</summary>
    BadSignature = 4,
}
