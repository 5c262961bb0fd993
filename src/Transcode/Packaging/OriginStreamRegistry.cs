using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// The origin's streams by name. A stream is created when a publisher starts (<see cref="GetOrCreate"/>)
/// and removed by <see cref="RemoveExpired"/> once it stayed without a session for the reconnect window;
/// <see cref="Start"/> runs that sweep on a <see cref="TimeProvider"/> timer.
/// </summary>
public sealed class OriginStreamRegistry : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, OriginStream> _streams = new(StringComparer.Ordinal);
    private readonly HlsOptions _options;
    private readonly TimeProvider _time;
    private ITimer? _timer;

    public OriginStreamRegistry(IOptions<HlsOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
    }

    public TimeSpan ReconnectWindow => TimeSpan.FromSeconds(_options.ReconnectWindowSeconds);
    public int Count { get { lock (_lock) return _streams.Count; } }

    /// <summary>Raised by <see cref="RemoveExpired"/> for each stream it removed, before the stream is closed.</summary>
    public event Action<OriginStream>? Removed;

    /// <summary>The stream of a starting publisher; refreshes its expiry so a sweep cannot remove it before its first event.</summary>
    public OriginStream GetOrCreate(string name)
    {
        lock (_lock)
        {
            if (!_streams.TryGetValue(name, out var stream))
            {
                stream = new OriginStream(name, _options, _time);
                _streams.Add(name, stream);
            }
            stream.Touch();
            return stream;
        }
    }

    public bool TryGet(string name, [NotNullWhen(true)] out OriginStream? stream)
    {
        lock (_lock) return _streams.TryGetValue(name, out stream);
    }

    public IReadOnlyList<OriginStream> List()
    {
        lock (_lock) return _streams.Values.ToArray();
    }

    /// <summary>Removes and closes streams without a session for the reconnect window; returns their names.</summary>
    public IReadOnlyList<string> RemoveExpired()
    {
        var now = _time.GetUtcNow();
        List<OriginStream>? removed = null;
        lock (_lock)
        {
            foreach (var stream in _streams.Values)
            {
                if (!stream.IsExpired(now, ReconnectWindow)) continue;
                (removed ??= []).Add(stream);
            }
            if (removed is null) return Array.Empty<string>();
            foreach (var stream in removed) _streams.Remove(stream.Name);
        }
        foreach (var stream in removed)
        {
            Removed?.Invoke(stream);
            stream.Close();
        }
        return removed.Select(s => s.Name).ToArray();
    }

    /// <summary>Sweeps every <paramref name="period"/> (default: a second) until disposed.</summary>
    public void Start(TimeSpan? period = null)
    {
        var every = period ?? TimeSpan.FromSeconds(1);
        _timer ??= _time.CreateTimer(_ => RemoveExpired(), null, every, every);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        foreach (var stream in List()) stream.Close();
    }
}
