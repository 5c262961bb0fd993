using Streaming.Shared.Media;

namespace Streaming.Ingest.Rtmp.Chunks;

/// <summary>What a chunk stream remembers from its previous headers, plus the message being assembled.</summary>
internal sealed class ChunkStreamState
{
    public ChunkStreamState(uint id) => Id = id;

    public uint Id { get; }
    public bool HasHeader;
    public uint Timestamp;
    /// <summary>The last timestamp field (a delta for type 1/2; the absolute value for type 0), reused by type 3.</summary>
    public uint TimestampField;
    public bool Extended;
    public int MessageLength;
    public byte TypeId;
    public uint StreamId;

    /// <summary>The message being assembled, null between messages.</summary>
    public SharedBuffer? Partial;
    /// <summary>Bytes of <see cref="Partial"/>'s capacity taken from the reader's budget.</summary>
    public long Accounted;

    public void DropPartial()
    {
        Partial?.Release();
        Partial = null;
    }
}
