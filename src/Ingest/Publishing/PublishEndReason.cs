namespace Streaming.Ingest.Publishing;

public enum PublishEndReason : byte
{
    /// <summary>FCUnpublish / deleteStream / closeStream.</summary>
    Unpublished = 0,
    /// <summary>The socket closed or the connection failed.</summary>
    Disconnected = 1,
    /// <summary>A new publisher took the name over.</summary>
    Kicked = 2,
    /// <summary>No bytes for the idle timeout.</summary>
    Timeout = 3,
    /// <summary>Protocol error, unsupported codec or server shutdown.</summary>
    Closed = 4,
}
