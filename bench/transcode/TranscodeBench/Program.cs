using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Bench.TranscodeBench;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.FFmpeg;
using Streaming.Transcode.Packaging;
using Streaming.Transcode.Transcoding;

// Drives our transcoder in-process as fast as it goes: every event of the FLV (looped) is queued first, then
// StreamTranscoder.Run() processes the queue on this thread (decode once, scale + x264 per rung, CMAF packaging
// of every rung). Only Run() is timed. Output: key=value lines (stdout and --out).
// Usage: TranscodeBench --flv in.flv [--fps 30] [--loops 1] [--rungs 480,360 | default] [--mode ladder|decode]
//        [--encoder-threads 0] [--warmup-loops 1 (untimed run first)] [--out result.txt]
var args2 = ParseArgs(args);
var flvPath = args2.GetValueOrDefault("flv") ?? throw new ArgumentException("--flv is required");
var fps = double.Parse(args2.GetValueOrDefault("fps", "30"), CultureInfo.InvariantCulture);
var loops = int.Parse(args2.GetValueOrDefault("loops", "1"), CultureInfo.InvariantCulture);
var mode = args2.GetValueOrDefault("mode", "ladder");
var rungs = args2.GetValueOrDefault("rungs", "default");
var encoderThreads = int.Parse(args2.GetValueOrDefault("encoder-threads", "0"), CultureInfo.InvariantCulture);
var warmupLoops = int.Parse(args2.GetValueOrDefault("warmup-loops", "1"), CultureInfo.InvariantCulture);

var version = FfmpegRuntime.Verify();
FfmpegRuntime.SetLogLevel(FfmpegLogLevel.Quiet);
if (!version.IsSupported) { Console.Error.WriteLine(version.Message); return 2; }

var source = FlvSource.Load(flvPath, fps);
var results = new List<(string, string)>();
void Put(string key, object value) => results.Add((key, Convert.ToString(value, CultureInfo.InvariantCulture)!));
var self = Process.GetCurrentProcess();
Put("mode", mode);
Put("source", $"{source.Video.Width}x{source.Video.Height}@{fps}");
Put("loops", loops);

if (mode == "decode")
{
    var frames = source.Frames(loops, 0).Where(f => f.IsVideo).ToList();
    if (!H264Decoder.TryCreate(source.Video.CodecConfig, 1, out var decoder, out var opened)) throw new InvalidOperationException(opened.ToString());
    using var picture = FrameHandle.Allocate();
    var decoded = 0;
    var cpu0 = self.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    foreach (var frame in frames)
    {
        decoder.Decode(frame.Payload, frame.Pts, frame.Dts);
        while (decoder.ReceiveFrame(picture).IsOk) { decoded++; picture.Unref(); }
        frame.Release();
    }
    decoder.Drain();
    while (decoder.ReceiveFrame(picture).IsOk) { decoded++; picture.Unref(); }
    sw.Stop();
    self.Refresh();
    var cpu = (self.TotalProcessorTime - cpu0).TotalSeconds;
    decoder.Dispose();
    Put("source_frames", frames.Count);
    Put("decoded_frames", decoded);
    Put("wall_s", sw.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture));
    Put("fps", (frames.Count / sw.Elapsed.TotalSeconds).ToString("F1", CultureInfo.InvariantCulture));
    Put("cpu_s", cpu.ToString("F3", CultureInfo.InvariantCulture));
    Put("cpu_ms_per_frame", (cpu * 1000 / frames.Count).ToString("F3", CultureInfo.InvariantCulture));
}
else
{
    var options = new TranscodeOptions { QueueCapacity = 1, EncoderThreads = encoderThreads, LoadSheddingEnabled = false };
    if (rungs != "default")
    {
        foreach (var height in rungs.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
        {
            var bitrate = height switch { 1080 => 5000, 720 => 2800, 480 => 1400, 360 => 800, 240 => 400, _ => throw new ArgumentException($"no default bitrate for {height}p") };
            options.Ladder.Add(new TranscodeRungOptions { Name = $"{height}p", Height = height, VideoBitrate = bitrate, Profile = height == 240 ? "main" : "high" });
        }
    }
    using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    var metrics = new TranscodeMetrics(services.GetRequiredService<IMeterFactory>());
    var hls = new HlsOptions();
    // Untimed warm-up on a separate stream: JIT/tiered compilation and first-use costs happen here, as they would
    // once per process in a long-running origin, not in the measured run.
    if (warmupLoops > 0) Prepare(source, warmupLoops, options, hls, metrics, out _).Run();
    Put("warmup_loops", warmupLoops);
    using var tap = new MetricsTap();
    var transcoder = Prepare(source, loops, options, hls, metrics, out var videoFrames);
    GC.Collect();
    var rss0 = ProcStatus.Read("VmRSS");
    var peakRss = rss0;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peakRss = Math.Max(peakRss, ProcStatus.Read("VmRSS"));
            try { await Task.Delay(100, sampling.Token); } catch (OperationCanceledException) { }
        }
    });
    var cpu0 = self.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    transcoder.Run();
    sw.Stop();
    self.Refresh();
    var cpu = (self.TotalProcessorTime - cpu0).TotalSeconds;
    sampling.Cancel();
    sampler.Wait();
    var latencies = tap.SortedLatencies();
    Put("rungs", string.Join(",", transcoder.RenditionNames));
    Put("source_frames", videoFrames);
    Put("wall_s", sw.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture));
    Put("fps", (videoFrames / sw.Elapsed.TotalSeconds).ToString("F1", CultureInfo.InvariantCulture));
    Put("speed_x_realtime", (videoFrames / sw.Elapsed.TotalSeconds / fps).ToString("F2", CultureInfo.InvariantCulture));
    Put("cpu_s", cpu.ToString("F3", CultureInfo.InvariantCulture));
    Put("cpu_ms_per_source_frame", (cpu * 1000 / videoFrames).ToString("F3", CultureInfo.InvariantCulture));
    Put("cores_busy", (cpu / sw.Elapsed.TotalSeconds).ToString("F2", CultureInfo.InvariantCulture));
    foreach (var (key, value) in tap.Counts.OrderBy(k => k.Key, StringComparer.Ordinal)) Put(key, value);
    Put("latency_samples", latencies.Length);
    Put("latency_p50_ms", (MetricsTap.Quantile(latencies, 0.50) * 1000).ToString("F2", CultureInfo.InvariantCulture));
    Put("latency_p99_ms", (MetricsTap.Quantile(latencies, 0.99) * 1000).ToString("F2", CultureInfo.InvariantCulture));
    Put("rss_before_mb", (rss0 / 1048576.0).ToString("F1", CultureInfo.InvariantCulture));
    Put("rss_peak_mb", (peakRss / 1048576.0).ToString("F1", CultureInfo.InvariantCulture));
}

var text = string.Join('\n', results.Select(r => $"{r.Item1}={r.Item2}")) + "\n";
Console.Write(text);
if (args2.TryGetValue("out", out var outPath)) File.WriteAllText(outPath, text);
return 0;

// A stream with every event of the FLV (looped) already queued, and its transcoder (not started).
static StreamTranscoder Prepare(FlvSource source, int loops, TranscodeOptions template, HlsOptions hls, TranscodeMetrics metrics,
    out int videoFrames)
{
    var events = source.Frames(loops, 1_714_564_800_000_000).ToList();
    videoFrames = events.Count(f => f.IsVideo);
    var options = new TranscodeOptions
    {
        QueueCapacity = events.Count + 16, EncoderThreads = template.EncoderThreads, LoadSheddingEnabled = false,
        Ladder = template.Ladder,
    };
    var stream = new OriginStream("bench", hls, TimeProvider.System);
    var live = new LiveStream("bench");
    var queue = live.AddReader(options.QueueCapacity);
    var transcoder = new StreamTranscoder(stream, queue, options, hls, metrics,
        TimeProvider.System, NullLogger.Instance);
    live.SetTracks(new StreamTracks(source.Video, source.Audio));
    foreach (var frame in events) live.Publish(frame); // the queue takes the one reference each frame owns
    live.EndSession();
    live.Close();
    if (queue.DroppedFrames != 0) throw new InvalidOperationException("queue dropped frames");
    return transcoder;
}

static Dictionary<string, string> ParseArgs(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException("unexpected " + args[i]);
        result[args[i][2..]] = args[i + 1];
    }
    return result;
}
