using System.Text;
using Streaming.Bench.LoadGenerator.Viewers;

namespace Streaming.Bench.LoadGenerator.Reporting;

/// <summary>The run's result, printed and optionally written as JSON.</summary>
public sealed record LoadReport(
    string Label,
    string Url,
    string Stream,
    int Viewers,
    int ViewersStarted,
    double MeasuredSeconds,
    double DeliveredMbitPerSecond,
    Distribution ViewerMbitPerSecond,
    double RequestsPerSecond,
    long Parts,
    long PartGaps,
    long HintMisses,
    int Stalls,
    int ViewersWithStalls,
    double StallSeconds,
    Distribution PartLatencyMs,
    Distribution PlaybackLatencyMs,
    IReadOnlyDictionary<string, long> Errors,
    int RenditionSwitches,
    Distribution? HopDeltaMs,
    Distribution? HopOriginMs,
    Distribution? HopEdgeMs,
    ProcessReport? Process)
{
    public static LoadReport Create(LoadOptions options, IReadOnlyList<ViewerResult> viewers, LoadStats stats,
        LoadStats? probeStats, ProcessSampler? sampler)
    {
        var measured = options.DurationSeconds - options.WarmupSeconds;
        return new LoadReport(options.Label, options.Url, options.Stream, options.Viewers, viewers.Count(v => v.Started), measured,
            stats.MediaBytes * 8 / measured / 1e6,
            Distribution.Of(viewers.Where(v => v.Started).Select(v => v.MbitPerSecond).ToArray()),
            stats.Requests / measured, stats.Parts, stats.Gaps, stats.HintMisses,
            viewers.Sum(v => v.Stalls), viewers.Count(v => v.Stalls > 0), viewers.Sum(v => v.StallMs) / 1000,
            stats.PartLatencyMs.Summarize(), stats.PlaybackLatencyMs.Summarize(),
            new SortedDictionary<string, long>(stats.Errors.ToDictionary()), viewers.Sum(v => v.Switches),
            probeStats?.HopDeltaMs.Summarize(), probeStats?.HopOriginMs.Summarize(), probeStats?.HopEdgeMs.Summarize(),
            sampler is null ? null : new ProcessReport(sampler.StartRssBytes / 1048576.0, sampler.MaxRssBytes / 1048576.0,
                sampler.EndRssBytes / 1048576.0,
                options.Viewers > 0 ? (sampler.MaxRssBytes - sampler.StartRssBytes) / 1024.0 / options.Viewers : 0,
                sampler.CpuWindowSeconds > 0 ? sampler.CpuSeconds / sampler.CpuWindowSeconds : 0));
    }

    public string ToText()
    {
        var s = new StringBuilder();
        s.AppendLine($"== {Label} {Url} stream={Stream}: {ViewersStarted}/{Viewers} viewers playing, {MeasuredSeconds:F0} s measured");
        s.AppendLine($"delivered   {DeliveredMbitPerSecond:F1} Mb/s total; per viewer {ViewerMbitPerSecond.Format("Mb/s", "F2")}");
        s.AppendLine($"requests    {RequestsPerSecond:F0}/s; parts {Parts}, gaps {PartGaps}, hint misses {HintMisses}, switches {RenditionSwitches}");
        s.AppendLine($"stalls      {Stalls} ({ViewersWithStalls} viewers, {StallSeconds:F2} s total)");
        s.AppendLine($"part age at receipt   {PartLatencyMs.Format("ms", "F0")}");
        s.AppendLine($"playback latency      {PlaybackLatencyMs.Format("ms", "F0")}");
        s.AppendLine($"errors      {(Errors.Count == 0 ? "none" : string.Join(", ", Errors.Select(e => $"{e.Key}: {e.Value}")))}");
        if (HopDeltaMs is { } hop)
        {
            s.AppendLine($"edge hop (edge - origin completion) {hop.Format("ms", "F2")}");
            s.AppendLine($"  held part, direct   {HopOriginMs!.Format("ms", "F1")}");
            s.AppendLine($"  held part, via edge {HopEdgeMs!.Format("ms", "F1")}");
        }
        if (Process is { } p)
            s.AppendLine($"process     RSS start {p.StartRssMiB:F1} MiB, max {p.MaxRssMiB:F1} MiB, end {p.EndRssMiB:F1} MiB; {p.KiBPerViewer:F1} KiB/viewer; CPU {p.Cores:F2} cores");
        return s.ToString();
    }
}
