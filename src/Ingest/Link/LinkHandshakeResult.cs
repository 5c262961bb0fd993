namespace Streaming.Ingest.Link;

/// <summary>How the ingest side of a frame-link handshake ended.</summary>
public enum LinkHandshakeResult
{
    /// <summary>The origin accepted the Hello: media may follow.</summary>
    Accepted,
    /// <summary>The origin closed the connection after the Hello (wrong cluster secret, name refused, origin full).</summary>
    Refused,
    /// <summary>No valid Challenge arrived in time: not an origin, or a stalled one.</summary>
    NoChallenge,
    /// <summary>The origin speaks another link protocol version.</summary>
    UnsupportedVersion,
}
