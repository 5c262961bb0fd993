using Streaming.Shared.Media;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// The bytes of an init segment, part or segment, valid until <see cref="Dispose"/>: the lease holds a
/// reference on every part buffer, so the window may drop the object meanwhile. A segment is the
/// list of its parts' buffers (write them in order).
/// </summary>
public sealed class MediaObjectLease : IDisposable
{
    private SharedBuffer[]? _buffers;

    internal MediaObjectLease(SharedBuffer[] buffers, ReadOnlyMemory<byte>[] chunks, string contentType)
    {
        _buffers = buffers;
        Chunks = chunks;
        ContentType = contentType;
        foreach (var chunk in chunks) Length += chunk.Length;
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> Chunks { get; }
    public long Length { get; }
    /// <summary><c>video/mp4</c>, or <c>audio/mp4</c> for an audio-only rendition.</summary>
    public string ContentType { get; }

    public void Dispose()
    {
        var buffers = Interlocked.Exchange(ref _buffers, null);
        if (buffers is null) return;
        foreach (var buffer in buffers) buffer.Release();
    }
}
