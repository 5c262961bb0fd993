using System.Text.Json;
using Streaming.Bench.LoadGenerator;
using Streaming.Bench.LoadGenerator.Reporting;
using Streaming.Bench.LoadGenerator.Viewers;

if (!LoadOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    return 2;
}

var clock = new RunClock(TimeProvider.System);
var stats = new LoadStats(clock, options.WarmupSeconds);
using var client = HttpFetcher.CreateClient(options.Viewers + 2);
var fetcher = new HttpFetcher(client, stats, clock);
using var run = new CancellationTokenSource(TimeSpan.FromSeconds(options.DurationSeconds));
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 4), io);

var sampler = options.SamplePid is { } pid ? new ProcessSampler(pid, clock, options.WarmupSeconds) : null;
var samplerTask = sampler?.RunAsync(run.Token) ?? Task.CompletedTask;
var probeStats = options.ProbeOrigin is null ? null : new LoadStats(clock, options.WarmupSeconds);
var probeTask = probeStats is null
    ? Task.CompletedTask
    : new HopProbe(options, new HttpFetcher(client, probeStats, clock), probeStats, clock).RunAsync(run.Token);

var viewers = new Task<ViewerResult>[options.Viewers];
for (var i = 0; i < viewers.Length; i++)
{
    var delay = TimeSpan.FromSeconds(options.Viewers > 1 ? options.RampSeconds * i / (options.Viewers - 1) : 0);
    viewers[i] = new Viewer(i, options, fetcher, stats, clock).RunAsync(delay, run.Token);
}

var progress = Task.Run(async () =>
{
    var last = 0L;
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
    try
    {
        while (await timer.WaitForNextTickAsync(run.Token))
        {
            var bytes = stats.MediaBytes;
            Console.Error.WriteLine($"[{clock.NowSeconds,5:F0} s] {(bytes - last) * 8 / 5e6:F1} Mb/s, parts {stats.Parts}, requests {stats.Requests}, errors {stats.Errors.Values.Sum()}");
            last = bytes;
        }
    }
    catch (OperationCanceledException)
    {
    }
});

// Every viewer honours the run's cancellation; the extra bound only guards against a hung socket.
var all = Task.WhenAll(viewers.Cast<Task>().Append(probeTask).Append(samplerTask).Append(progress));
await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(options.DurationSeconds + 20)));
var results = viewers.Where(v => v.IsCompletedSuccessfully).Select(v => v.Result).ToList();
var report = LoadReport.Create(options, results, stats, probeStats, sampler);
Console.WriteLine(report.ToText());
if (options.JsonPath is { } path)
{
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
}
return results.Count == viewers.Length ? 0 : 1;
