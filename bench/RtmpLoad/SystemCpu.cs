using System.Globalization;

namespace Streaming.Bench.RtmpLoad;

/// <summary>Whole-machine CPU counters from /proc/stat (jiffies): busy and total.</summary>
public readonly record struct SystemCpu(long Busy, long Total)
{
    public static SystemCpu Read()
    {
        var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var total = v.Sum();
        return new SystemCpu(total - v[3] - v[4], total);
    }

    public static double BusyPercent(SystemCpu a, SystemCpu b) => b.Total == a.Total ? 0 : 100.0 * (b.Busy - a.Busy) / (b.Total - a.Total);
}
