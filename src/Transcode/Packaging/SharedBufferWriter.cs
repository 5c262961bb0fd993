using System.Buffers;
using Streaming.Shared.Media;

namespace Streaming.Transcode.Packaging;

/// <summary>An <see cref="IBufferWriter{T}"/> appending to a <see cref="SharedBuffer"/> that has a single owner.</summary>
internal readonly struct SharedBufferWriter(SharedBuffer buffer) : IBufferWriter<byte>
{
    public void Advance(int count) => buffer.SetLength(buffer.Length + count);

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        buffer.EnsureCapacity(buffer.Length + Math.Max(sizeHint, 256));
        return buffer.WritableMemory[buffer.Length..];
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        buffer.EnsureCapacity(buffer.Length + Math.Max(sizeHint, 256));
        return buffer.WritableSpan[buffer.Length..];
    }
}
