using System.Security.Cryptography;

namespace Streaming.Archive.Spool;

/// <summary>
/// The local durable queue between download and upload. <see cref="TryAdd"/> returns only after the object
/// is on disk (temp file, fsync, rename, directory fsync); <see cref="Complete"/> deletes it after the
/// store confirmed it. Bounded by bytes with the policy in <see cref="Options.ArchiveOptions"/>.
/// Scheduling (<see cref="TryTake"/>): oldest due entry first; a playlist only when no older entry
/// of its directory is pending, so a stored playlist never names a missing object.
/// </summary>
public sealed class ObjectSpool
{
    private readonly object _lock = new();
    private readonly SortedDictionary<long, SpoolEntry> _entries = new();
    private readonly string _objects;
    private readonly TimeProvider _time;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextSeq = 1;
    private long _bytes;

    public ObjectSpool(string directory, long maxBytes, double warnFraction, double shedFraction, TimeProvider time)
    {
        Directory = Path.GetFullPath(directory);
        _objects = Path.Combine(Directory, "objects");
        MaxBytes = maxBytes;
        WarnBytes = (long)(maxBytes * warnFraction);
        ShedBytes = (long)(maxBytes * shedFraction);
        _time = time;
    }

    public string Directory { get; }
    public long MaxBytes { get; }
    public long WarnBytes { get; }
    public long ShedBytes { get; }
    public long Bytes { get { lock (_lock) return _bytes; } }
    public int Count { get { lock (_lock) return _entries.Count; } }

    public SpoolPressure Pressure
    {
        get
        {
            var bytes = Bytes;
            return bytes >= MaxBytes ? SpoolPressure.Full : bytes >= ShedBytes ? SpoolPressure.Shedding
                : bytes >= WarnBytes ? SpoolPressure.Warning : SpoolPressure.Normal;
        }
    }

    /// <summary>Start-up: resumes every valid entry, keeps only the newest version of each playlist, deletes the rest.</summary>
    public SpoolScanResult Open()
    {
        System.IO.Directory.CreateDirectory(_objects);
        int corrupt = 0, superseded = 0;
        var newestPlaylist = new Dictionary<string, SpoolEntry>(StringComparer.Ordinal);
        lock (_lock)
        {
            _entries.Clear();
            _bytes = 0;
            // Names are zero-padded sequence numbers: ordinal order is spool order, so a later playlist version wins.
            foreach (var path in System.IO.Directory.EnumerateFiles(_objects).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (!SpoolFile.TryParseSeq(name, out var seq) || !SpoolFile.TryRead(path, out var header, out _))
                {
                    Storage.DurableFile.TryDelete(path);
                    corrupt++;
                    continue;
                }
                var entry = ToEntry(seq, header, path);
                _nextSeq = Math.Max(_nextSeq, seq + 1);
                if (entry.Kind == SpoolItemKind.Playlist)
                {
                    if (newestPlaylist.TryGetValue(entry.Key, out var older))
                    {
                        Remove(older);
                        Storage.DurableFile.TryDelete(older.Path);
                        superseded++;
                    }
                    newestPlaylist[entry.Key] = entry;
                }
                _entries[seq] = entry;
                _bytes += entry.Length;
            }
            Signal();
            return new SpoolScanResult(_entries.Count, _bytes, superseded, corrupt);
        }
    }

    /// <summary>Writes the object durably and queues it; <paramref name="priority"/> 0 is the highest.</summary>
    public SpoolAdmission TryAdd(string key, string contentType, SpoolItemKind kind, ReadOnlyMemory<byte> body, long listedUnixMillis,
        int priority, out Exception? error)
    {
        error = null;
        if (kind == SpoolItemKind.Media)
        {
            var after = Bytes + body.Length;
            if (after > MaxBytes) return SpoolAdmission.Full;
            if (priority > 0 && after > ShedBytes) return SpoolAdmission.Shed;
        }
        long seq;
        lock (_lock) seq = _nextSeq++;
        var md5 = MD5.HashData(body.Span);
        var header = new SpoolFile.Header(key, contentType, kind, Convert.ToBase64String(md5), body.Length, listedUnixMillis);
        var path = Path.Combine(_objects, SpoolFile.Name(seq));
        try
        {
            Storage.DurableFile.Write(path, SpoolFile.EncodeHeader(header), body.Span);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e;
            return SpoolAdmission.WriteFailed;
        }
        var entry = ToEntry(seq, header, path);
        List<SpoolEntry>? stale = null;
        lock (_lock)
        {
            if (kind == SpoolItemKind.Playlist)
            {
                foreach (var old in _entries.Values)
                {
                    if (!old.InFlight && old.Kind == SpoolItemKind.Playlist && old.Key == key) (stale ??= []).Add(old);
                }
                foreach (var old in stale ?? []) Remove(old);
            }
            _entries[seq] = entry;
            _bytes += entry.Length;
            Signal();
        }
        foreach (var old in stale ?? []) Storage.DurableFile.TryDelete(old.Path);
        return SpoolAdmission.Accepted;
    }

    /// <summary>The next entry to upload (marked in flight), or false with the time until one is due.</summary>
    public bool TryTake(out SpoolEntry entry, out TimeSpan wait)
    {
        var now = _time.GetUtcNow().UtcTicks;
        long soonest = long.MaxValue;
        lock (_lock)
        {
            foreach (var candidate in _entries.Values)
            {
                if (candidate.InFlight) continue;
                if (candidate.NotBeforeTicks > now)
                {
                    soonest = Math.Min(soonest, candidate.NotBeforeTicks);
                    continue;
                }
                if (candidate.Kind == SpoolItemKind.Playlist && HasOlderInDirectory(candidate)) continue;
                candidate.InFlight = true;
                candidate.Attempts++;
                entry = candidate;
                wait = TimeSpan.Zero;
                return true;
            }
        }
        entry = null!;
        wait = soonest == long.MaxValue ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Max(soonest - now, TimeSpan.TicksPerMillisecond));
        return false;
    }

    /// <summary>Reads the body back from disk (checked against its MD5); false when the file went bad.</summary>
    public bool TryReadBody(SpoolEntry entry, out byte[] body) => SpoolFile.TryRead(entry.Path, out _, out body);

    /// <summary>The store confirmed the entry: forget it and delete its file.</summary>
    public void Complete(SpoolEntry entry)
    {
        lock (_lock)
        {
            Remove(entry);
            Signal();
        }
        Storage.DurableFile.TryDelete(entry.Path);
    }

    /// <summary>Upload failed: due again after <paramref name="delay"/>.</summary>
    public void Retry(SpoolEntry entry, TimeSpan delay)
    {
        lock (_lock)
        {
            entry.InFlight = false;
            entry.NotBeforeTicks = _time.GetUtcNow().UtcTicks + delay.Ticks;
            Signal();
        }
    }

    /// <summary>The store is back: every waiting entry is due now, so the backlog drains at full speed.</summary>
    public void ReleaseBackoff()
    {
        lock (_lock)
        {
            foreach (var e in _entries.Values) e.NotBeforeTicks = 0;
            Signal();
        }
    }

    /// <summary>Completes when entries were added, completed or rescheduled, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_lock) changed = _changed.Task;
        await Task.WhenAny(changed, Task.Delay(timeout, _time, cancellationToken)).ConfigureAwait(false);
    }

    public IReadOnlyList<SpoolEntry> Snapshot()
    {
        lock (_lock) return _entries.Values.ToArray();
    }

    private bool HasOlderInDirectory(SpoolEntry playlist)
    {
        var directory = playlist.Directory;
        foreach (var other in _entries.Values)
        {
            if (other.Seq >= playlist.Seq) break;
            if (other.Key.StartsWith(directory, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private void Remove(SpoolEntry entry)
    {
        if (_entries.Remove(entry.Seq)) _bytes -= entry.Length;
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    private static SpoolEntry ToEntry(long seq, SpoolFile.Header header, string path) => new()
    {
        Seq = seq,
        Key = header.Key,
        ContentType = header.ContentType,
        Kind = header.Kind,
        Md5 = Convert.FromBase64String(header.Md5),
        Length = header.Length,
        ListedUnixMillis = header.ListedUnixMillis,
        Path = path,
    };
}
