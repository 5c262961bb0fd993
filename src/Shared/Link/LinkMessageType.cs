namespace Streaming.Shared.Link;

/// <summary>Message types of the ingest ↔ origin frame link (see <see cref="LinkCodec"/>).</summary>
public enum LinkMessageType : byte
{
    /// <summary>Ingest → origin: stream, session and the proof answering the challenge.</summary>
    Hello = 1,
    Tracks = 2,
    Frame = 3,
    SessionEnd = 4,
    /// <summary>Origin → ingest, first message on a connection: protocol version and a fresh nonce.</summary>
    Challenge = 5,
    /// <summary>Origin → ingest: the Hello was proven and the session bound; media may follow.</summary>
    Accept = 6,
}
