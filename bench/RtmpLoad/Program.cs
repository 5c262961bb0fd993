using System.Diagnostics;
using System.Globalization;
using System.Net;
using Streaming.Bench.Rtmp;
using Streaming.Bench.RtmpLoad;

// Passthrough cost benchmark (issue 2): N paced publishers of the same FLV against one RTMP server; measures the
// server processes' CPU and RSS (never this process's) over a fixed window after a warm-up. Usage:
//   RtmpLoad --rtmp 127.0.0.1:1935 --flv input.flv --pids 123,456 [--streams 50] [--warmup 10] [--seconds 60]
//            [--files dir-whose-size-counts-as-memory] [--label ours] [--check http://127.0.0.1:8081/live/{name}/source/index.m3u8 | file:/dir/{name}.m3u8] [--out file]
var opts = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) opts[args[i].TrimStart('-')] = args[i + 1];
var inv = CultureInfo.InvariantCulture;
var rtmp = IPEndPoint.Parse(opts["rtmp"]);
var file = FlvFile.Load(opts["flv"]);
var pids = opts["pids"].Split(',').Select(p => int.Parse(p, inv)).ToArray();
var streams = int.Parse(opts.GetValueOrDefault("streams", "50"), inv);
var warmup = double.Parse(opts.GetValueOrDefault("warmup", "10"), inv);
var seconds = double.Parse(opts.GetValueOrDefault("seconds", "60"), inv);
var label = opts.GetValueOrDefault("label", "server");
var prefix = opts.GetValueOrDefault("prefix", "load");
var sampler = new ProcessSampler(pids);
var perRoot = pids.Select(p => new ProcessSampler([p])).ToArray();

var baseline = sampler.Sample();
var publishers = new List<RtmpPublisher>();
for (var i = 0; i < streams; i++)
{
    var p = RtmpPublisher.Connect(rtmp, "live", prefix + i.ToString(inv), TimeSpan.FromSeconds(10));
    p.StartDraining();
    publishers.Add(p);
}
var load = new PacedLoad(publishers, file);
var self = Process.GetCurrentProcess();
load.Start();
Thread.Sleep(TimeSpan.FromSeconds(warmup));
load.ResetLag();

self.Refresh();
var genCpu0 = self.TotalProcessorTime.TotalSeconds;
var sys0 = SystemCpu.Read();
var s0 = sampler.Sample();
var split0 = perRoot.Select(r => r.Sample().CpuSeconds).ToArray();
var bytes0 = load.BytesSent;
var t0 = Stopwatch.GetTimestamp();
var peakRss = s0.RssKb;
var end = t0 + (long)(seconds * Stopwatch.Frequency);
while (Stopwatch.GetTimestamp() < end && load.Error is null)
{
    Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(1000, Math.Max(1, (end - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency))));
    peakRss = Math.Max(peakRss, sampler.Sample().RssKb);
}
var s1 = sampler.Sample();
// nginx-rtmp keeps its HLS output in files (tmpfs here), which is memory outside its RSS: count it separately.
long diskKb = 0;
if (opts.TryGetValue("files", out var filesDir))
{
    diskKb = Directory.EnumerateFiles(filesDir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1024;
}
var split1 = perRoot.Select(r => r.Sample().CpuSeconds).ToArray();
var t1 = Stopwatch.GetTimestamp();
var bytes1 = load.BytesSent;
var sys1 = SystemCpu.Read();
self.Refresh();
var genCpu1 = self.TotalProcessorTime.TotalSeconds;
var maxLag = load.MaxLagMs;
if (load.Error is not null) Console.Error.WriteLine("load generator failed: " + load.Error.Message);

// Every stream must have produced HLS output (checked after the window, so it costs the servers nothing measured).
var ok = 0;
if (opts.TryGetValue("check", out var check))
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
    for (var i = 0; i < streams; i++)
    {
        var target = check.Replace("{name}", prefix + i.ToString(inv), StringComparison.Ordinal);
        try
        {
            var text = target.StartsWith("file:", StringComparison.Ordinal)
                ? File.ReadAllText(target[5..])
                : await http.GetStringAsync(target);
            if (text.Contains("#EXTINF", StringComparison.Ordinal)) ok++;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or TaskCanceledException) { }
    }
}
load.Stop();
foreach (var p in publishers) p.Dispose();

var window = (t1 - t0) / (double)Stopwatch.Frequency;
var cpu = s1.CpuSeconds - s0.CpuSeconds;
var perStreamMinute = cpu / (streams * window / 60.0);
var memPerStream = (s1.RssKb - baseline.RssKb) / (double)streams;
var mbps = (bytes1 - bytes0) * 8 / window / 1e6;
var results = new (string Key, string Value)[]
{
    ("label", label),
    ("streams", streams.ToString(inv)),
    ("window_s", window.ToString("F1", inv)),
    ("server_processes", s1.Processes.ToString(inv)),
    ("cpu_s", cpu.ToString("F2", inv)),
    ("cpu_s_by_pid", string.Join(" / ", split1.Select((c, i) => (c - split0[i]).ToString("F2", inv)))),
    ("cpu_s_per_stream_min", perStreamMinute.ToString("F3", inv)),
    ("cpu_cores_avg", (cpu / window).ToString("F2", inv)),
    ("rss_idle_mb", (baseline.RssKb / 1024.0).ToString("F1", inv)),
    ("rss_end_mb", (s1.RssKb / 1024.0).ToString("F1", inv)),
    ("rss_peak_mb", (peakRss / 1024.0).ToString("F1", inv)),
    ("mem_per_stream_mb", (memPerStream / 1024.0).ToString("F2", inv)),
    ("files_mb", (diskKb / 1024.0).ToString("F1", inv)),
    ("mem_with_files_per_stream_mb", ((memPerStream + diskKb / (double)streams) / 1024.0).ToString("F2", inv)),
    ("offered_mbps", mbps.ToString("F1", inv)),
    ("bytes_sent", (bytes1 - bytes0).ToString(inv)),
    ("max_send_lag_ms", maxLag.ToString("F1", inv)),
    ("generator_cpu_s", (genCpu1 - genCpu0).ToString("F2", inv)),
    ("machine_busy_pct", SystemCpu.BusyPercent(sys0, sys1).ToString("F1", inv)),
    ("streams_with_hls", check is null ? "n/a" : ok.ToString(inv)),
};
foreach (var (k, v) in results) Console.WriteLine($"{label}.{k}={v}");
if (opts.TryGetValue("out", out var outPath)) File.WriteAllLines(outPath, results.Select(r => $"{r.Key}={r.Value}"));
return load.Error is null && (check is null || ok == streams) ? 0 : 1;
