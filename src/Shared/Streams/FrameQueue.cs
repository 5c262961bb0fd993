using System.Threading.Tasks.Sources;
using Streaming.Shared.Media;

namespace Streaming.Shared.Streams;

/// <summary>
/// A bounded single-reader queue between a stream's publisher and one reader.
/// The publisher never waits: when the queue is full, every queued frame is released and the
/// queue drops incoming frames until the next video keyframe (or the next audio frame when the
/// stream has no video), then marks that frame <see cref="FrameFlags.Discontinuity"/>. Dropped
/// frames are counted. Track changes and session ends survive a frame overflow; only when the ring holds
/// nothing but control events (a reader stalled through many sessions) are they coalesced to the state a
/// reader needs: superseded track changes and repeated session ends go first, then the oldest control
/// event. Coalesced events are counted in <see cref="DroppedControlEvents"/>; the ring never holds more
/// than <see cref="Capacity"/> events.
/// </summary>
public sealed class FrameQueue : IValueTaskSource<bool>
{
    private readonly object _lock = new();
    private readonly StreamEvent[] _ring;
    private int _head;
    private int _count;
    private bool _completed;
    private bool _dropping;
    private bool _hasVideo;
    private long _dropped;
    private long _overflows;
    private long _droppedControl;
    private ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };
    private bool _waiting;

    /// <param name="capacity">Events the queue holds before it overflows.</param>
    /// <param name="startAtKeyframe">A reader that joins a running stream skips to the next keyframe.</param>
    public FrameQueue(int capacity, bool startAtKeyframe = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _ring = new StreamEvent[capacity];
        _dropping = startAtKeyframe;
    }

    public int Capacity => _ring.Length;
    public int Count { get { lock (_lock) return _count; } }
    /// <summary>Frames thrown away because this reader was too slow.</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);
    /// <summary>How many times the queue overflowed and skipped to the next keyframe.</summary>
    public long Overflows => Interlocked.Read(ref _overflows);
    /// <summary>Track changes and session ends coalesced because the ring was full of control events.</summary>
    public long DroppedControlEvents => Interlocked.Read(ref _droppedControl);
    public bool IsCompleted { get { lock (_lock) return _completed && _count == 0; } }

    /// <summary>Offers an event; takes over the caller's reference on a frame (released if dropped).</summary>
    public void Write(in StreamEvent item)
    {
        bool wake;
        lock (_lock)
        {
            if (_completed)
            {
                item.Release();
                return;
            }
            var toStore = item;
            if (item.Kind == StreamEventKind.Tracks) _hasVideo = item.Tracks!.Video is not null;
            if (item.Kind == StreamEventKind.Frame)
            {
                var frame = item.Frame;
                if (_dropping)
                {
                    var resumes = _hasVideo ? frame.IsVideo && frame.IsKeyframe : true;
                    if (!resumes)
                    {
                        frame.Release();
                        Interlocked.Increment(ref _dropped);
                        return;
                    }
                    _dropping = false;
                    toStore = StreamEvent.ForFrame(frame.WithFlags(frame.Flags | FrameFlags.Discontinuity));
                }
                else if (_count == _ring.Length)
                {
                    DropQueuedFrames();
                    Interlocked.Increment(ref _overflows);
                    var resumes = _hasVideo ? frame.IsVideo && frame.IsKeyframe : true;
                    if (!resumes)
                    {
                        _dropping = true;
                        frame.Release();
                        Interlocked.Increment(ref _dropped);
                        return;
                    }
                    toStore = StreamEvent.ForFrame(frame.WithFlags(frame.Flags | FrameFlags.Discontinuity));
                }
            }
            else if (_count == _ring.Length)
            {
                DropQueuedFrames();
                Interlocked.Increment(ref _overflows);
                _dropping = true;
            }
            if (_count == _ring.Length) CoalesceControlEvents(); // only control events are left in a full ring
            _ring[(_head + _count) % _ring.Length] = toStore;
            _count++;
            wake = _waiting;
            _waiting = false;
        }
        if (wake) _signal.SetResult(true);
    }

    /// <summary>No more events will be written; a waiting reader wakes and drains what is left.</summary>
    public void Complete()
    {
        bool wake;
        lock (_lock)
        {
            if (_completed) return;
            _completed = true;
            wake = _waiting;
            _waiting = false;
        }
        if (wake) _signal.SetResult(false);
    }

    public bool TryRead(out StreamEvent item)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                item = default;
                return false;
            }
            item = _ring[_head];
            _ring[_head] = default;
            _head = (_head + 1) % _ring.Length;
            _count--;
            return true;
        }
    }

    /// <summary>Waits until an event can be read (true) or the queue is completed and empty (false). One waiter at a time.</summary>
    public ValueTask<bool> WaitToReadAsync()
    {
        lock (_lock)
        {
            if (_count > 0) return new ValueTask<bool>(true);
            if (_completed) return new ValueTask<bool>(false);
            if (_waiting) throw new InvalidOperationException("FrameQueue supports a single waiting reader.");
            _signal.Reset();
            _waiting = true;
            return new ValueTask<bool>(this, _signal.Version);
        }
    }

    /// <summary>Completes the queue and releases everything still in it (the reader is gone).</summary>
    public void Dispose()
    {
        Complete();
        while (TryRead(out var item)) item.Release();
    }

    private void DropQueuedFrames()
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            var index = (_head + i) % _ring.Length;
            var queued = _ring[index];
            _ring[index] = default;
            if (queued.Kind == StreamEventKind.Frame)
            {
                queued.Release();
                Interlocked.Increment(ref _dropped);
            }
            else
            {
                _ring[(_head + kept) % _ring.Length] = queued;
                kept++;
            }
        }
        _count = kept;
    }

    /// <summary>
    /// Frees at least one slot of a ring that holds only control events: keeps the last track change and
    /// one session end per run, in order, then drops the oldest event while the ring is still full.
    /// </summary>
    private void CoalesceControlEvents()
    {
        var lastTracks = -1;
        for (var i = 0; i < _count; i++)
        {
            if (_ring[(_head + i) % _ring.Length].Kind == StreamEventKind.Tracks) lastTracks = i;
        }
        var kept = 0;
        var previous = StreamEventKind.Frame;
        for (var i = 0; i < _count; i++)
        {
            var index = (_head + i) % _ring.Length;
            var queued = _ring[index];
            _ring[index] = default;
            var keep = queued.Kind switch
            {
                StreamEventKind.Tracks => i == lastTracks,
                StreamEventKind.SessionEnded => previous != StreamEventKind.SessionEnded,
                _ => true,
            };
            if (!keep)
            {
                queued.Release();
                Interlocked.Increment(ref _droppedControl);
                continue;
            }
            _ring[(_head + kept) % _ring.Length] = queued;
            previous = queued.Kind;
            kept++;
        }
        _count = kept;
        if (_count < _ring.Length) return;
        _ring[_head].Release();
        _ring[_head] = default;
        _head = (_head + 1) % _ring.Length;
        _count--;
        Interlocked.Increment(ref _droppedControl);
    }

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        return _signal.GetResult(token);
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _signal.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _signal.OnCompleted(continuation, state, token, flags);
}
