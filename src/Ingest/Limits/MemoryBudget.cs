namespace Streaming.Ingest.Limits;

/// <summary>
/// A process-wide byte budget (today: partially assembled RTMP messages of every connection). Holders
/// <see cref="TryAcquire"/> before allocating and <see cref="Release"/> exactly what they acquired when the
/// bytes are freed or handed over. Refusals are counted. Thread-safe, lock-free.
/// </summary>
public sealed class MemoryBudget
{
    private long _used;
    private long _refusals;

    public MemoryBudget(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBytes, 1);
        Capacity = capacityBytes;
    }

    public long Capacity { get; }
    public long Used => Volatile.Read(ref _used);
    /// <summary>How many <see cref="TryAcquire"/> calls were refused.</summary>
    public long Refusals => Volatile.Read(ref _refusals);

    /// <summary>Takes <paramref name="bytes"/> from the budget; false (nothing taken) when that would exceed it.</summary>
    public bool TryAcquire(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var used = Volatile.Read(ref _used);
        while (true)
        {
            if (used + bytes > Capacity)
            {
                Interlocked.Increment(ref _refusals);
                return false;
            }
            var seen = Interlocked.CompareExchange(ref _used, used + bytes, used);
            if (seen == used) return true;
            used = seen;
        }
    }

    /// <summary>Takes bytes without the check: for correcting an estimate after the allocation happened.</summary>
    public void Acquire(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Interlocked.Add(ref _used, bytes);
    }

    public void Release(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (Interlocked.Add(ref _used, -bytes) < 0)
            throw new InvalidOperationException("MemoryBudget released more bytes than were acquired.");
    }
}
