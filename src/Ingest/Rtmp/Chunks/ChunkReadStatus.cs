namespace Streaming.Ingest.Rtmp.Chunks;

public enum ChunkReadStatus : byte
{
    /// <summary>All complete chunks were consumed; feed more bytes.</summary>
    NeedMoreData = 0,
    /// <summary>A message was completed and returned.</summary>
    Message = 1,
    /// <summary>A message header announced more bytes than the configured maximum (nothing was allocated).</summary>
    MessageTooLarge = 2,
    /// <summary>The peer opened more chunk streams than allowed.</summary>
    TooManyChunkStreams = 3,
    /// <summary>Set Chunk Size with 0 or the reserved top bit set.</summary>
    InvalidChunkSize = 4,
    /// <summary>A type 1/2/3 header on a chunk stream that never had a type 0 header.</summary>
    MissingPreviousHeader = 5,
    /// <summary>A type 0/1/2 header on a chunk stream whose previous message is incomplete.</summary>
    UnexpectedHeader = 6,
    /// <summary>A protocol control message (Set Chunk Size, Abort) with a short payload.</summary>
    InvalidControlMessage = 7,
    /// <summary>Growing a partial message would exceed this connection's <see cref="ChunkLimits.MaxBufferedBytes"/>.</summary>
    BufferLimitExceeded = 8,
    /// <summary>Growing a partial message would exceed the process-wide budget for partial messages.</summary>
    MemoryBudgetExhausted = 9,
}
