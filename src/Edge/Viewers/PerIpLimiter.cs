using System.Net;

namespace Streaming.Edge.Viewers;

/// <summary>
/// Requests in flight per client address (with HTTP/1.1 one per connection). Over the limit a request is
/// refused (429). Memory is bounded by the number of addresses with a request in flight.
/// </summary>
public sealed class PerIpLimiter
{
    private readonly Dictionary<IPAddress, int> _inFlight = new();
    private readonly object _lock = new();
    private readonly int _limit;

    public PerIpLimiter(int limit) => _limit = limit;

    public int Tracked { get { lock (_lock) return _inFlight.Count; } }

    public bool TryEnter(IPAddress address)
    {
        if (_limit == 0) return true;
        lock (_lock)
        {
            _inFlight.TryGetValue(address, out var count);
            if (count >= _limit) return false;
            _inFlight[address] = count + 1;
            return true;
        }
    }

    public void Exit(IPAddress address)
    {
        if (_limit == 0) return;
        lock (_lock)
        {
            if (!_inFlight.TryGetValue(address, out var count)) return;
            if (count <= 1) _inFlight.Remove(address);
            else _inFlight[address] = count - 1;
        }
    }
}
