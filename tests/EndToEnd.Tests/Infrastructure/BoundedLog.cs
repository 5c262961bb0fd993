namespace Streaming.EndToEnd.Tests.Infrastructure;

/// <summary>Thread-safe ring of the most recent output lines; older lines are dropped and counted.</summary>
public sealed class BoundedLog
{
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;
    private readonly object _gate = new();
    private long _dropped;

    public BoundedLog(int capacity = 400) => _capacity = capacity;

    public void Add(string line)
    {
        var stamped = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}";
        lock (_gate)
        {
            if (_lines.Count == _capacity)
            {
                _lines.Dequeue();
                _dropped++;
            }

            _lines.Enqueue(stamped);
        }
    }

    public bool Contains(string text)
    {
        lock (_gate)
        {
            return _lines.Any(l => l.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var header = _dropped > 0 ? $"... {_dropped} earlier lines dropped ...{Environment.NewLine}" : string.Empty;
            return header + string.Join(Environment.NewLine, _lines);
        }
    }
}
