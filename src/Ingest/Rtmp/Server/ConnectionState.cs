namespace Streaming.Ingest.Rtmp.Server;

public enum ConnectionState : byte
{
    /// <summary>Handshake done, waiting for connect.</summary>
    AwaitingConnect = 0,
    /// <summary>NetConnection established; releaseStream/FCPublish/createStream allowed.</summary>
    Connected = 1,
    /// <summary>createStream answered; publish allowed.</summary>
    StreamCreated = 2,
    /// <summary>Publishing; media and metadata flow.</summary>
    Publishing = 3,
    /// <summary>Unpublished; the client normally closes the socket next.</summary>
    Unpublished = 4,
}
