namespace Streaming.Shared.Link;

public enum LinkReadStatus
{
    /// <summary>A whole message was read and consumed from the buffer.</summary>
    Message,
    /// <summary>The buffer ends inside a message: read more bytes and try again.</summary>
    NeedMore,
    /// <summary>The bytes are not a valid link message; the connection must be closed.</summary>
    Invalid,
    /// <summary>A well-framed Hello or Challenge of another protocol version; the connection must be closed.</summary>
    UnsupportedVersion,
}
