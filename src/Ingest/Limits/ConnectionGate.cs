using System.Net;

namespace Streaming.Ingest.Limits;

/// <summary>
/// Counts open connections in total and per peer address; <see cref="TryEnter"/> admits a connection or says
/// which cap it hits. Every admitted connection must <see cref="Exit"/> once. Thread-safe; the per-address
/// table holds only addresses with open connections (bounded by the total cap).
/// </summary>
public sealed class ConnectionGate
{
    private readonly object _lock = new();
    private readonly Dictionary<IPAddress, int> _perAddress = new();
    private readonly int _maxTotal;
    private readonly int _maxPerAddress;
    private int _total;

    /// <param name="maxTotal">Total cap (at least 1).</param>
    /// <param name="maxPerAddress">Per-address cap; 0 = none.</param>
    public ConnectionGate(int maxTotal, int maxPerAddress)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTotal, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPerAddress);
        _maxTotal = maxTotal;
        _maxPerAddress = maxPerAddress;
    }

    public int Total { get { lock (_lock) return _total; } }

    public GateResult TryEnter(IPAddress address)
    {
        lock (_lock)
        {
            if (_total >= _maxTotal) return GateResult.TooManyConnections;
            _perAddress.TryGetValue(address, out var count);
            if (_maxPerAddress > 0 && count >= _maxPerAddress) return GateResult.TooManyFromAddress;
            _perAddress[address] = count + 1;
            _total++;
            return GateResult.Admitted;
        }
    }

    public void Exit(IPAddress address)
    {
        lock (_lock)
        {
            if (!_perAddress.TryGetValue(address, out var count)) return;
            if (count <= 1) _perAddress.Remove(address);
            else _perAddress[address] = count - 1;
            _total--;
        }
    }
}
