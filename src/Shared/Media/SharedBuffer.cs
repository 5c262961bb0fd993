using System.Buffers;
using System.Collections.Concurrent;

namespace Streaming.Shared.Media;

/// <summary>
/// A pooled, reference-counted byte buffer. One writer fills it, then any number of readers
/// hold a reference (<see cref="AddRef"/>) and give it back (<see cref="Release"/>). When the
/// count reaches zero the array returns to <see cref="ArrayPool{T}.Shared"/> and this object to
/// a small pool, so the steady state allocates nothing per packet.
/// </summary>
public sealed class SharedBuffer
{
    private static readonly ConcurrentBag<SharedBuffer> Pool = new();
    private const int MaxPooledObjects = 4096;

    private byte[] _array = Array.Empty<byte>();
    private int _length;
    private int _refCount;

    private SharedBuffer() { }

    /// <summary>Rents a buffer with room for at least <paramref name="capacity"/> bytes, reference count 1, length 0.</summary>
    public static SharedBuffer Rent(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (!Pool.TryTake(out var buffer)) buffer = new SharedBuffer();
        buffer._array = capacity == 0 ? Array.Empty<byte>() : ArrayPool<byte>.Shared.Rent(capacity);
        buffer._length = 0;
        buffer._refCount = 1;
        return buffer;
    }

    /// <summary>Rents a buffer holding a copy of <paramref name="data"/>.</summary>
    public static SharedBuffer CopyOf(ReadOnlySpan<byte> data)
    {
        var buffer = Rent(data.Length);
        data.CopyTo(buffer._array);
        buffer._length = data.Length;
        return buffer;
    }

    public int Length => _length;
    public int Capacity => _array.Length;
    public int RefCount => Volatile.Read(ref _refCount);

    /// <summary>The whole writable array, for the single writer before the buffer is shared.</summary>
    public Span<byte> WritableSpan => _array;
    public Memory<byte> WritableMemory => _array;

    public ReadOnlySpan<byte> Span => new(_array, 0, _length);
    public ReadOnlyMemory<byte> Memory => new(_array, 0, _length);
    public ReadOnlyMemory<byte> Slice(int offset, int length) => new(_array, offset, length);

    /// <summary>Sets the number of valid bytes after the writer filled <see cref="WritableSpan"/>.</summary>
    public void SetLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)_array.Length, nameof(length));
        _length = length;
    }

    /// <summary>Grows the buffer (copying the valid bytes) so that it can hold <paramref name="capacity"/> bytes.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity <= _array.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, _array.Length * 2));
        _array.AsSpan(0, _length).CopyTo(bigger);
        if (_array.Length > 0) ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }

    /// <summary>Appends bytes; only valid while the buffer has a single owner.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        EnsureCapacity(_length + data.Length);
        data.CopyTo(_array.AsSpan(_length));
        _length += data.Length;
    }

    public SharedBuffer AddRef()
    {
        var count = Interlocked.Increment(ref _refCount);
        if (count <= 1) throw new InvalidOperationException("AddRef on a released SharedBuffer.");
        return this;
    }

    public void Release()
    {
        var count = Interlocked.Decrement(ref _refCount);
        if (count > 0) return;
        if (count < 0) throw new InvalidOperationException("SharedBuffer released more often than referenced.");
        var array = _array;
        _array = Array.Empty<byte>();
        _length = 0;
        if (array.Length > 0) ArrayPool<byte>.Shared.Return(array);
        if (Pool.Count < MaxPooledObjects) Pool.Add(this);
    }
}
