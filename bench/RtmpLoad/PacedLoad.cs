using System.Diagnostics;
using Streaming.Bench.Rtmp;

namespace Streaming.Bench.RtmpLoad;

/// <summary>
/// Drives many publishers from one thread: each replays the same FLV in real time (looping, continuous
/// timestamps), the starts staggered evenly over one second so keyframes do not line up. Tracks bytes sent and
/// how late sends ran behind their schedule (a server that stops reading shows up as lag).
/// </summary>
public sealed class PacedLoad
{
    private readonly IReadOnlyList<RtmpPublisher> _publishers;
    private readonly TagSchedule[] _schedules;
    private readonly long[] _starts;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _bytes;
    private long _maxLagTicks;

    public PacedLoad(IReadOnlyList<RtmpPublisher> publishers, FlvFile file)
    {
        _publishers = publishers;
        _schedules = publishers.Select(_ => new TagSchedule(file)).ToArray();
        foreach (var s in _schedules) s.MoveNext();
        _starts = new long[publishers.Count];
        _thread = new Thread(Run) { IsBackground = true, Name = "paced-load" };
    }

    public Exception? Error { get; private set; }
    public long BytesSent => Interlocked.Read(ref _bytes);
    public double MaxLagMs => Interlocked.Read(ref _maxLagTicks) * 1000.0 / Stopwatch.Frequency;

    public void Start()
    {
        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < _starts.Length; i++) _starts[i] = now + i * Stopwatch.Frequency / _starts.Length;
        _thread.Start();
    }

    public void ResetLag() => Interlocked.Exchange(ref _maxLagTicks, 0);

    public void Stop()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(10));
    }

    private void Run()
    {
        try
        {
            while (!_stop)
            {
                var now = Stopwatch.GetTimestamp();
                for (var i = 0; i < _publishers.Count; i++)
                {
                    var schedule = _schedules[i];
                    while (true)
                    {
                        var (tag, ts) = schedule.Current;
                        var due = _starts[i] + ts * Stopwatch.Frequency / 1000;
                        if (due > now) break;
                        var before = _publishers[i].BytesSent;
                        _publishers[i].Send(tag, ts);
                        Interlocked.Add(ref _bytes, _publishers[i].BytesSent - before);
                        var lag = Stopwatch.GetTimestamp() - due;
                        if (lag > Interlocked.Read(ref _maxLagTicks)) Interlocked.Exchange(ref _maxLagTicks, lag);
                        schedule.MoveNext();
                    }
                }
                Thread.Sleep(2);
            }
        }
        catch (Exception e)
        {
            Error = e;
        }
    }
}
