using System.Globalization;

namespace Streaming.Bench.RtmpLoad;

/// <summary>
/// Reads /proc for the measured server processes and all their descendants (nginx's worker is a child of the
/// master): utime+stime from /proc/PID/stat, VmRSS from /proc/PID/status. The load generator is not in the tree.
/// </summary>
public sealed class ProcessSampler
{
    private const double ClockTicksPerSecond = 100; // getconf CLK_TCK on Linux x86-64 and arm64
    private readonly int[] _roots;

    public ProcessSampler(IEnumerable<int> roots) => _roots = roots.ToArray();

    public ProcessSample Sample()
    {
        double cpu = 0;
        long rss = 0;
        var count = 0;
        foreach (var pid in Tree())
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // After "pid (comm) ": field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
                cpu += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                    rss += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                }
                count++;
            }
            catch (IOException) { }
        }
        return new ProcessSample(cpu, rss, count);
    }

    private HashSet<int> Tree()
    {
        var seen = new HashSet<int>();
        var pending = new Stack<int>(_roots);
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (!seen.Add(pid) || !Directory.Exists($"/proc/{pid}/task")) continue;
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        pending.Push(int.Parse(child, CultureInfo.InvariantCulture));
                }
                catch (IOException) { }
            }
        }
        return seen;
    }
}
