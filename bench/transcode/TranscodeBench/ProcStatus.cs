using System.Globalization;

namespace Streaming.Bench.TranscodeBench;

/// <summary>This process's resident memory from /proc/self/status (kB fields, returned in bytes).</summary>
public static class ProcStatus
{
    public static long Read(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }
}
