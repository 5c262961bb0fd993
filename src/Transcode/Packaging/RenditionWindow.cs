using Streaming.Shared.Media;
using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// The objects of one rendition's live window: init segments, the last complete segments and the
/// segment in progress. The packager thread is the only writer; HTTP threads look objects up. Every
/// change and every lookup that takes a reference runs under one lock, so a buffer is never handed
/// out after the window released it; released buffers are given back outside the lock.
/// </summary>
internal sealed class RenditionWindow(int windowSegments)
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
    private long _partsPublished;
    private long _segmentsPublished;

    // Read without the lock by the packager thread (the only writer) when it builds snapshots.
    public IReadOnlyList<PublishedSegment> Segments => _segments;
    public PublishedSegment? Open => _open;
    public long NextMsn => _nextMsn;
    public long DiscontinuitySequence => _discontinuitySequence;
    public int CurrentInit => _currentInit;
    public bool IsLive => _live;
    public string ContentType { get; set; } = "video/mp4";
    /// <summary>Parts and complete segments published since creation (any thread).</summary>
    public long PartsPublished => Interlocked.Read(ref _partsPublished);
    public long SegmentsPublished => Interlocked.Read(ref _segmentsPublished);

    public void SetLive(bool live)
    {
        if (_live == live) return; // only the packager thread writes it
        lock (_lock) _live = live;
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
        lock (_lock) _open = new PublishedSegment(_nextMsn, _currentInit, discontinuity, programDateTimeUnixMicros);
    }

    /// <summary>Publishes a part of the open segment; takes over the caller's reference on <paramref name="buffer"/>.</summary>
    public void AddPart(SharedBuffer buffer, long duration, bool independent, int videoFrames)
    {
        var open = _open ?? throw new InvalidOperationException("No open segment.");
        var part = new PublishedPart(open.Msn, open.Parts.Count, buffer, duration, independent);
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
            lock (_lock) _open = null;
            return;
        }
        open.ToEntry(complete: true);
        PublishedSegment? evicted = null;
        lock (_lock)
        {
            _segments.Add(open);
            _open = null;
            _nextMsn++;
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
            if (_currentInit >= 0 && msn == _nextMsn && index == (_open?.Parts.Count ?? 0)) return HlsObjectStatus.Pending;
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

    private bool IsGoneLocked(long msn) => msn >= 0 && msn < (_segments.Count > 0 ? _segments[0].Msn : _nextMsn);

    private PublishedSegment? FindSegmentLocked(long msn)
    {
        if (_open is not null && _open.Msn == msn) return _open;
        if (_segments.Count == 0) return null;
        var offset = msn - _segments[0].Msn;
        return offset >= 0 && offset < _segments.Count ? _segments[(int)offset] : null;
    }
}
