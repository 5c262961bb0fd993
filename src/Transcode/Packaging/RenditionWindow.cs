using Streaming.Shared.Media;
using Streaming.Shared.Hls;
using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// The objects of one rendition's live window: init segments, the last complete segments and the
/// segment in progress. The packager thread is the only writer; HTTP threads look objects up. Every
/// change and every lookup that takes a reference runs under one lock, so a buffer is never handed
/// out after the window released it; released buffers are given back outside the lock.
/// The preload-hinted part is pending (a request for it is held until it exists): normally the open
/// segment's next part, or part 0 of the next segment when the packager expects the next part to open it
/// (<see cref="SetHintNextSegment"/>); that part stays pending until the open segment ends even if the
/// hint moves back, so a request holding it is answered when it comes.
/// </summary>
internal sealed class RenditionWindow(int windowSegments, StreamInstance instance)
{
    private readonly object _lock = new();
    private readonly List<PublishedSegment> _segments = new(windowSegments + 1);
    private readonly Dictionary<int, byte[]> _inits = new();
    private PublishedSegment? _open;
    private int _currentInit = -1;
    private long _nextMsn;
    private long _discontinuitySequence;
    private bool _live;
    private bool _closed;
    private bool _hintNextSegment;
    private bool _nextSegmentAnnounced;
    private long _partsPublished;
    private long _segmentsPublished;

    // Read without the lock by the packager thread (the only writer) when it builds snapshots.
    public IReadOnlyList<PublishedSegment> Segments => _segments;
    public PublishedSegment? Open => _open;
    public long NextMsn => _nextMsn;
    public long DiscontinuitySequence => _discontinuitySequence;
    public int CurrentInit => _currentInit;
    public bool IsLive => _live;
    /// <summary>The part EXT-X-PRELOAD-HINT names.</summary>
    public (long Msn, int Index) PreloadHint => _hintNextSegment ? (_nextMsn + 1, 0) : (_nextMsn, _open?.Parts.Count ?? 0);
    public string ContentType { get; set; } = "video/mp4";
    /// <summary>Parts and complete segments published since creation (any thread).</summary>
    public long PartsPublished => Interlocked.Read(ref _partsPublished);
    public long SegmentsPublished => Interlocked.Read(ref _segmentsPublished);

    /// <summary>Returns whether it changed.</summary>
    public bool SetLive(bool live)
    {
        if (_live == live) return false; // only the packager thread writes it
        lock (_lock) _live = live;
        return true;
    }

    /// <summary>
    /// Whether the hint names part 0 of the next segment (only while the open segment has parts) instead of
    /// the open segment's next part; returns whether the hint changed.
    /// </summary>
    public bool SetHintNextSegment(bool next)
    {
        next &= _open is { Parts.Count: > 0 };
        if (next == _hintNextSegment) return false;
        lock (_lock)
        {
            _hintNextSegment = next;
            _nextSegmentAnnounced |= next;
        }
        return true;
    }

    /// <summary>Adds an init segment; replaces the current one in place while no segment uses it yet.</summary>
    public int SetInit(byte[] data)
    {
        lock (_lock)
        {
            var used = _open?.InitIndex == _currentInit || _segments.Any(s => s.InitIndex == _currentInit);
            if (_currentInit < 0 || used) _currentInit++;
            _inits[_currentInit] = data;
            return _currentInit;
        }
    }

    public void BeginSegment(bool discontinuity, long programDateTimeUnixMicros)
    {
        if (_open is not null) throw new InvalidOperationException("A segment is already open.");
        if (_currentInit < 0) throw new InvalidOperationException("No init segment.");
        lock (_lock) _open = new PublishedSegment(instance, _nextMsn, _currentInit, discontinuity, programDateTimeUnixMicros);
    }

    /// <summary>Publishes a part of the open segment; takes over the caller's reference on <paramref name="buffer"/>.</summary>
    public void AddPart(SharedBuffer buffer, long duration, bool independent, int videoFrames)
    {
        var open = _open ?? throw new InvalidOperationException("No open segment.");
        var part = new PublishedPart(instance, open.Msn, open.Parts.Count, buffer, duration, independent);
        lock (_lock) open.Add(part, videoFrames);
        Interlocked.Increment(ref _partsPublished);
    }

    /// <summary>Completes the open segment (dropped when it has no part) and slides the window.</summary>
    public void EndSegment()
    {
        var open = _open;
        if (open is null) return;
        if (open.Parts.Count == 0)
        {
            lock (_lock) _open = null; // the hint needs parts, so it never named the next segment
            return;
        }
        open.ToEntry(complete: true);
        PublishedSegment? evicted = null;
        lock (_lock)
        {
            _segments.Add(open);
            _open = null;
            _nextMsn++;
            _hintNextSegment = _nextSegmentAnnounced = false;
            Interlocked.Increment(ref _segmentsPublished);
            if (_segments.Count > windowSegments)
            {
                evicted = _segments[0];
                _segments.RemoveAt(0);
                if (evicted.Discontinuity) _discontinuitySequence++;
                var oldestInit = _segments[0].InitIndex;
                foreach (var index in _inits.Keys.Where(i => i < oldestInit).ToArray()) _inits.Remove(index);
            }
        }
        if (evicted is not null) foreach (var part in evicted.Parts) part.Buffer.Release();
    }

    /// <summary>Drops everything (the stream is removed); leases already handed out stay valid.</summary>
    public void Close()
    {
        List<PublishedSegment> released;
        lock (_lock)
        {
            if (_closed) return;
            _closed = true;
            _live = false;
            released = [.. _segments];
            if (_open is not null) released.Add(_open);
            _segments.Clear();
            _open = null;
            _inits.Clear();
        }
        foreach (var segment in released) foreach (var part in segment.Parts) part.Buffer.Release();
    }

    public HlsObjectStatus FindInit(int index, out MediaObjectLease? lease)
    {
        lease = null;
        lock (_lock)
        {
            if (_inits.TryGetValue(index, out var data))
            {
                lease = new MediaObjectLease([], [data], ContentType);
                return HlsObjectStatus.Found;
            }
            return index < _currentInit && !_closed ? HlsObjectStatus.Gone : HlsObjectStatus.NotFound;
        }
    }

    public HlsObjectStatus FindPart(long msn, int index, out MediaObjectLease? lease)
    {
        lease = null;
        lock (_lock)
        {
            if (_closed) return HlsObjectStatus.NotFound;
            var segment = FindSegmentLocked(msn);
            if (segment is not null && index < segment.Parts.Count)
            {
                var buffer = segment.Parts[index].Buffer.AddRef();
                lease = new MediaObjectLease([buffer], [buffer.Memory], ContentType);
                return HlsObjectStatus.Found;
            }
            if (_currentInit >= 0 && _live && IsAnnouncedLocked(msn, index)) return HlsObjectStatus.Pending;
            return IsGoneLocked(msn) ? HlsObjectStatus.Gone : HlsObjectStatus.NotFound;
        }
    }

    public HlsObjectStatus FindSegment(long msn, out MediaObjectLease? lease)
    {
        lease = null;
        lock (_lock)
        {
            if (_closed) return HlsObjectStatus.NotFound;
            if (msn < _nextMsn && FindSegmentLocked(msn) is { } segment)
            {
                var buffers = new SharedBuffer[segment.Parts.Count];
                var chunks = new ReadOnlyMemory<byte>[buffers.Length];
                for (var i = 0; i < buffers.Length; i++)
                {
                    buffers[i] = segment.Parts[i].Buffer.AddRef();
                    chunks[i] = buffers[i].Memory;
                }
                lease = new MediaObjectLease(buffers, chunks, ContentType);
                return HlsObjectStatus.Found;
            }
            if (_live && msn == _nextMsn) return HlsObjectStatus.Pending;
            return IsGoneLocked(msn) ? HlsObjectStatus.Gone : HlsObjectStatus.NotFound;
        }
    }

    /// <summary>The open segment's next part, or part 0 of the next segment once the hint named it.</summary>
    private bool IsAnnouncedLocked(long msn, int index) =>
        (msn == _nextMsn && index == (_open?.Parts.Count ?? 0)) || (_nextSegmentAnnounced && msn == _nextMsn + 1 && index == 0);

    private bool IsGoneLocked(long msn) => msn >= 0 && msn < (_segments.Count > 0 ? _segments[0].Msn : _nextMsn);

    private PublishedSegment? FindSegmentLocked(long msn)
    {
        if (_open is not null && _open.Msn == msn) return _open;
        if (_segments.Count == 0) return null;
        var offset = msn - _segments[0].Msn;
        return offset >= 0 && offset < _segments.Count ? _segments[(int)offset] : null;
    }
}
