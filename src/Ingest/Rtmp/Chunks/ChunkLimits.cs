namespace Streaming.Ingest.Rtmp.Chunks;

/// <summary>
/// What one connection's <see cref="ChunkReader"/> may hold: the largest message, the number of chunk streams and
/// the bytes buffered for partially assembled messages across all its chunk streams (buffer capacity, checked
/// before allocating). Until a publish succeeds the much smaller <see cref="PrePublish"/> limits apply.
/// </summary>
public readonly record struct ChunkLimits(int MaxMessageSize, int MaxChunkStreams, long MaxBufferedBytes)
{
    /// <summary>Largest message before publish (connect with a long tcUrl is a few hundred bytes).</summary>
    public const int PrePublishMaxMessageSize = 64 * 1024;
    /// <summary>Chunk streams before publish (clients use 2-4: control, commands, stream commands).</summary>
    public const int PrePublishMaxChunkStreams = 8;

    /// <summary>The limits of an unauthenticated connection: 64 KiB messages, 8 chunk streams, 128 KiB buffered.</summary>
    public static ChunkLimits PrePublish { get; } = For(PrePublishMaxMessageSize, PrePublishMaxChunkStreams);

    /// <summary>Limits for the given message size and chunk stream count; buffered bytes capped at twice the message size.</summary>
    public static ChunkLimits For(int maxMessageSize, int maxChunkStreams)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunkStreams, 1);
        return new ChunkLimits(maxMessageSize, maxChunkStreams, 2L * maxMessageSize);
    }
}
