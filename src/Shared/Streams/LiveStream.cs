using Streaming.Shared.Media;

namespace Streaming.Shared.Streams;

/// <summary>
/// The single owner of one live stream's fan-out: the publisher side calls <see cref="SetTracks"/>,
/// <see cref="Publish"/> and <see cref="EndSession"/> from one thread; any number of readers each get
/// their own bounded <see cref="FrameQueue"/>, so a slow reader drops (and counts) instead of
/// slowing the publisher. Payloads are shared: one reference per reader, no copies.
/// </summary>
public sealed class LiveStream
{
    private readonly object _readersLock = new();
    private FrameQueue[] _readers = Array.Empty<FrameQueue>();
    private StreamTracks _tracks = StreamTracks.None;
    private bool _closed;

    public LiveStream(string name) => Name = name;

    public string Name { get; }
    public StreamTracks Tracks => Volatile.Read(ref _tracks);
    public int ReaderCount => Volatile.Read(ref _readers).Length;

    /// <summary>Adds a reader; it first receives the current tracks, then frames from the next keyframe.</summary>
    public FrameQueue AddReader(int capacity)
    {
        lock (_readersLock)
        {
            var queue = new FrameQueue(capacity, startAtKeyframe: !_tracks.IsEmpty);
            if (_closed)
            {
                queue.Complete();
                return queue;
            }
            if (!_tracks.IsEmpty) queue.Write(StreamEvent.ForTracks(_tracks));
            _readers = [.. _readers, queue];
            return queue;
        }
    }

    public void RemoveReader(FrameQueue queue)
    {
        lock (_readersLock)
        {
            _readers = _readers.Where(r => r != queue).ToArray();
        }
        queue.Dispose();
    }

    public void SetTracks(StreamTracks tracks)
    {
        lock (_readersLock)
        {
            _tracks = tracks;
            foreach (var reader in _readers) reader.Write(StreamEvent.ForTracks(tracks));
        }
    }

    /// <summary>Hands a frame to every reader. Takes over the caller's reference.</summary>
    public void Publish(in MediaFrame frame)
    {
        var readers = Volatile.Read(ref _readers);
        foreach (var reader in readers) reader.Write(StreamEvent.ForFrame(frame.AddRef()));
        frame.Release();
    }

    /// <summary>The current publisher went away; readers keep their state for a possible reconnect.</summary>
    public void EndSession()
    {
        var readers = Volatile.Read(ref _readers);
        foreach (var reader in readers) reader.Write(StreamEvent.ForSessionEnd());
    }

    /// <summary>The stream is gone for good: readers drain what they have and finish.</summary>
    public void Close()
    {
        FrameQueue[] readers;
        lock (_readersLock)
        {
            _closed = true;
            readers = _readers;
            _readers = Array.Empty<FrameQueue>();
        }
        foreach (var reader in readers) reader.Complete();
    }
}
