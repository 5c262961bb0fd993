namespace Streaming.Bench.LoadGenerator.Reporting;

/// <summary>Samples a process's RSS (VmRSS) and CPU time from /proc once a second.</summary>
public sealed class ProcessSampler(int pid, RunClock clock, double warmupSeconds)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public long StartRssBytes { get; private set; }
    public long MaxRssBytes { get; private set; }
    public long EndRssBytes { get; private set; }
    public double CpuSeconds { get; private set; }
    public double CpuWindowSeconds { get; private set; }

    public async Task RunAsync(CancellationToken cancel)
    {
        StartRssBytes = ReadRss();
        double? cpuStart = null, windowStart = null;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancel))
            {
                Sample(ref cpuStart, ref windowStart);
            }
        }
        catch (OperationCanceledException)
        {
        }
        Sample(ref cpuStart, ref windowStart);
    }

    private void Sample(ref double? cpuStart, ref double? windowStart)
    {
        var rss = ReadRss();
        if (rss <= 0) return;
        EndRssBytes = rss;
        MaxRssBytes = Math.Max(MaxRssBytes, rss);
        var now = clock.NowSeconds;
        if (now < warmupSeconds) return;
        var cpu = ReadCpuSeconds();
        cpuStart ??= cpu;
        windowStart ??= now;
        CpuSeconds = cpu - cpuStart.Value;
        CpuWindowSeconds = now - windowStart.Value;
    }

    private long ReadRss()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var kb = line[6..].Trim().Split(' ')[0];
                return long.Parse(kb) * 1024;
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    private double ReadCpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 0, utime field 11, stime field 12.
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
