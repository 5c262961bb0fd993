using System.Diagnostics;

namespace Streaming.Bench.LoadGenerator;

/// <summary>Monotonic time of the run plus its Unix-ms equivalent (for comparing with program date-times).</summary>
public sealed class RunClock(TimeProvider time)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly double _startUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds();

    public long Timestamp() => Stopwatch.GetTimestamp();

    public double ElapsedSeconds(long timestamp) => (timestamp - _start) / (double)Stopwatch.Frequency;

    public double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public double UnixMs(long timestamp) => _startUnixMs + Milliseconds(_start, timestamp);

    public double NowSeconds => ElapsedSeconds(Timestamp());
}
