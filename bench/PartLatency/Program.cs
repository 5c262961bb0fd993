using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Streaming.Bench.PartLatency;
using Streaming.Bench.Rtmp;

// Part availability benchmark (issue 2). This process is the RTMP publisher, so it knows when the last byte of
// every frame was written to ingest; at the same time it holds a request for the origin's preload-hinted part
// and records when that response's last byte arrives. Usage:
//   PartLatency --rtmp 127.0.0.1:1935 --http 127.0.0.1:8081 --flv input.flv [--stream bench] [--seconds 70] [--warmup 10]
var opts = ParseArgs(args);
var rtmp = IPEndPoint.Parse(opts["rtmp"]);
var http = IPEndPoint.Parse(opts["http"]);
var stream = opts.GetValueOrDefault("stream", "partlatency");
var seconds = double.Parse(opts.GetValueOrDefault("seconds", "70"), CultureInfo.InvariantCulture);
var warmup = double.Parse(opts.GetValueOrDefault("warmup", "10"), CultureInfo.InvariantCulture);
var file = FlvFile.Load(opts["flv"]);
var basePath = $"/live/{stream}/source/";
var timeout = TimeSpan.FromSeconds(10);

var sent = new List<SentFrame>(100_000);
var stop = false;
Exception? publishError = null;
var publisherStart = 0L;
var publisherThread = new Thread(() =>
{
    try
    {
        using var publisher = RtmpPublisher.Connect(rtmp, "live", stream, timeout);
        publisher.StartDraining();
        var schedule = new TagSchedule(file);
        publisherStart = Stopwatch.GetTimestamp();
        while (!Volatile.Read(ref stop))
        {
            schedule.MoveNext();
            var (tag, ts) = schedule.Current;
            var due = publisherStart + ts * Stopwatch.Frequency / 1000;
            // Real-time pacing; how exactly frames are paced does not matter for the measurement, which is taken
            // from the moment each write completed.
            while (Stopwatch.GetTimestamp() < due) Thread.Sleep(1);
            // Taken just before the write: the last byte reaches ingest's socket during the send call (loopback),
            // so this errs towards a longer measured latency, never a shorter one.
            var before = Stopwatch.GetTimestamp();
            publisher.Send(tag, ts);
            if (tag.IsMedia && !tag.IsSequenceHeader) sent.Add(new SentFrame(tag.IsVideo, ts * 90, before));
        }
    }
    catch (Exception e)
    {
        publishError = e;
    }
}) { IsBackground = true, Name = "publisher" };
publisherThread.Start();

using var client = new RawHttpClient(http);
// Object names carry the stream instance: {instance}-part{msn}.{index}.m4s, {instance}-init.mp4 (see src/Shared/Hls/HlsNames).
var hint = new Regex("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"([0-9a-f]{12})-part(\\d+)\\.(\\d+)\\.m4s\"");
var map = new Regex("#EXT-X-MAP:URI=\"([^\"]+)\"");
HttpResult Fetch(string name)
{
    var r = client.Get(basePath + name, timeout);
    return r;
}

// Wait for the stream to appear at the origin.
var appearDeadline = Stopwatch.GetTimestamp() + 20 * Stopwatch.Frequency;
HttpResult playlist;
while (true)
{
    if (publishError is not null) throw new InvalidOperationException("publisher failed", publishError);
    playlist = Fetch("index.m3u8");
    if (playlist.Status == 200 && map.IsMatch(System.Text.Encoding.UTF8.GetString(playlist.Body))) break;
    if (Stopwatch.GetTimestamp() > appearDeadline) throw new TimeoutException($"no playlist at the origin (HTTP {playlist.Status})");
    Thread.Sleep(100);
}
var initName = map.Match(System.Text.Encoding.UTF8.GetString(playlist.Body)).Groups[1].Value;
var init = Fetch(initName);
if (init.Status != 200) throw new InvalidOperationException($"{initName}: HTTP {init.Status}");
var tracks = Mp4Reader.ReadTracks(init.Body);
var videoTrack = tracks.First(t => t.Value.Handler == "vide");
var audioTrackId = tracks.FirstOrDefault(t => t.Value.Handler == "soun").Key;

var parts = new List<PartRecord>();
var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup * Stopwatch.Frequency);
var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
var text = System.Text.Encoding.UTF8.GetString(playlist.Body);
while (Stopwatch.GetTimestamp() < end)
{
    if (publishError is not null) throw new InvalidOperationException("publisher failed", publishError);
    var m = hint.Match(text);
    if (!m.Success) throw new InvalidDataException("playlist without a part preload hint:\n" + text);
    var instance = m.Groups[1].Value;
    var msn = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
    var index = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
    // The held request: the origin answers once the part exists.
    var part = Fetch($"{instance}-part{msn}.{index}.m4s");
    if (part.Status == 200)
    {
        var runs = Mp4Reader.ReadRuns(part.Body);
        var v = runs.FirstOrDefault(r => r.TrackId == videoTrack.Key);
        var a = runs.FirstOrDefault(r => r.TrackId == audioTrackId);
        var dts90 = v.BaseDecodeTime * 90_000 / videoTrack.Value.Timescale;
        parts.Add(new PartRecord(msn, index, 200, part.StartTicks, part.DoneTicks, part.Body.Length, dts90, v.SampleCount, a.SampleCount));
        text = System.Text.Encoding.UTF8.GetString(Fetch($"index.m3u8?_HLS_msn={msn}&_HLS_part={index}").Body);
    }
    else
    {
        parts.Add(new PartRecord(msn, index, part.Status, part.StartTicks, part.DoneTicks, 0, 0, 0, 0));
        text = System.Text.Encoding.UTF8.GetString(Fetch("index.m3u8").Body);
    }
}
Volatile.Write(ref stop, true);
publisherThread.Join(TimeSpan.FromSeconds(5));
if (publishError is not null) throw new InvalidOperationException("publisher failed", publishError);

var result = LatencyAnalysis.Run(parts, sent, measureFrom);
var measured = (end - measureFrom) / (double)Stopwatch.Frequency;
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"part availability over {measured:F0} s measured ({warmup:F0} s warm-up), {result.Parts} parts:"));
Console.WriteLine($"  from last byte of the part's final frame (latest-arriving frame in the part): {result.FromFinalFrame}");
Console.WriteLine($"  from last byte of the part's last video frame:                             {result.FromLastVideoFrame}");
Console.WriteLine($"  from last byte of the next part's first video frame (closes the part):    {result.FromNextPartFirstFrame}");
Console.WriteLine($"  final frame was audio in {result.FinalWasAudio}/{result.Parts} parts; moof count mismatches {result.CountMismatches}; " +
    $"unmatched {result.Unmatched}; failed fetches {result.Failed}; requests issued late {result.LateRequests}");
Console.WriteLine($"  parts over 20 ms from the final frame: {result.Over20Ms}/{result.Parts}");
if (opts.TryGetValue("csv", out var csvPath))
{
    File.WriteAllLines(csvPath, result.Rows.Prepend("msn,part,video_frames,audio_frames,bytes,final_ms,last_video_ms,next_first_ms,final_is_audio"));
}
if (opts.TryGetValue("out", out var outPath))
{
    static string Row(string key, Percentiles p) =>
        string.Create(CultureInfo.InvariantCulture, $"{key}_n={p.Count}\n{key}_p50={p.P50:F2}\n{key}_p90={p.P90:F2}\n{key}_p99={p.P99:F2}\n{key}_max={p.Max:F2}\n");
    File.WriteAllText(outPath,
        Row("final", result.FromFinalFrame) + Row("lastvideo", result.FromLastVideoFrame) + Row("trigger", result.FromNextPartFirstFrame) +
        string.Create(inv, $"measured_s={measured:F0}\nparts={result.Parts}\nfinal_audio={result.FinalWasAudio}\nmismatches={result.CountMismatches}\n") +
        $"over20={result.Over20Ms}\nunmatched={result.Unmatched}\nfailed={result.Failed}\nlate={result.LateRequests}\n");
}
return result.Parts > 0 && result.Failed == 0 ? 0 : 1;

static Dictionary<string, string> ParseArgs(string[] args)
{
    var d = new Dictionary<string, string>();
    for (var i = 0; i + 1 < args.Length; i += 2) d[args[i].TrimStart('-')] = args[i + 1];
    foreach (var key in new[] { "rtmp", "http", "flv" })
    {
        if (!d.ContainsKey(key)) throw new ArgumentException($"--{key} is required");
    }
    return d;
}
