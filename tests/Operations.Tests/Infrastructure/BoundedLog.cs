namespace Streaming.Operations.Tests.Infrastructure;

/// <summary>Thread-safe ring of a process's most recent output lines, for failure messages.</summary>
public sealed class BoundedLog(int capacity = 200)
{
    private readonly Queue<string> _lines = new();
    private readonly object _gate = new();
    private long _dropped;

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
                _dropped++;
            }

            _lines.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}");
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var header = _dropped > 0 ? $"... {_dropped} earlier lines dropped ...{Environment.NewLine}" : "";
            return header + string.Join(Environment.NewLine, _lines);
        }
    }
}
