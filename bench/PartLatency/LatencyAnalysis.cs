using System.Diagnostics;

namespace Streaming.Bench.PartLatency;

/// <summary>
/// Matches each fetched part to the frames the publisher sent. A part's frames are the video and audio
/// frames with DTS in [its first video DTS, the next part's first video DTS): the packager closes a part when
/// the next part's first video frame arrives and puts every pending audio frame before that time into it.
/// The counts are checked against the part's moof.
/// </summary>
public sealed class LatencyAnalysis
{
    public required Percentiles FromFinalFrame { get; init; }
    public required Percentiles FromLastVideoFrame { get; init; }
    public required Percentiles FromNextPartFirstFrame { get; init; }
    public int Parts { get; init; }
    public int CountMismatches { get; init; }
    public int Unmatched { get; init; }
    public int LateRequests { get; init; }
    public int FinalWasAudio { get; init; }
    public int Failed { get; init; }
    public int Over20Ms { get; init; }
    /// <summary>One CSV line per measured part: msn,part,video,audio,bytes,final_ms,last_video_ms,next_first_ms,final_is_audio.</summary>
    public required IReadOnlyList<string> Rows { get; init; }

    public static LatencyAnalysis Run(IReadOnlyList<PartRecord> parts, IReadOnlyList<SentFrame> sent, long measureFromTicks)
    {
        var video = sent.Where(f => f.IsVideo).GroupBy(f => f.Dts90k).ToDictionary(g => g.Key, g => g.First());
        var audio = sent.Where(f => !f.IsVideo).OrderBy(f => f.Dts90k).ToArray();
        var audioDts = audio.Select(f => f.Dts90k).ToArray();
        var videoSorted = video.Values.OrderBy(f => f.Dts90k).ToArray();
        var videoDts = videoSorted.Select(f => f.Dts90k).ToArray();
        var final = new List<double>();
        var lastVideo = new List<double>();
        var trigger = new List<double>();
        var rows = new List<string>();
        int mismatches = 0, unmatched = 0, late = 0, finalAudio = 0, failed = 0, count = 0;
        for (var k = 0; k + 1 < parts.Count; k++)
        {
            var p = parts[k];
            var next = parts[k + 1];
            if (p.Status != 200) { failed++; continue; }
            if (p.DoneTicks < measureFromTicks || next.Status != 200) continue;
            var consecutive = (next.Msn == p.Msn && next.Index == p.Index + 1) || (next.Msn == p.Msn + 1 && next.Index == 0);
            if (!consecutive || !video.TryGetValue(p.VideoDts90k, out _) || !video.TryGetValue(next.VideoDts90k, out var triggerFrame))
            {
                unmatched++;
                continue;
            }
            var v0 = Array.BinarySearch(videoDts, p.VideoDts90k);
            var v1 = Array.BinarySearch(videoDts, next.VideoDts90k);
            var a0 = LowerBound(audioDts, p.VideoDts90k);
            var a1 = LowerBound(audioDts, next.VideoDts90k);
            if (v1 - v0 != p.VideoCount || a1 - a0 != p.AudioCount) mismatches++;
            long finalTicks = 0;
            var finalIsAudio = false;
            for (var i = v0; i < v1; i++) finalTicks = Math.Max(finalTicks, videoSorted[i].SentTicks);
            var lastVideoTicks = finalTicks;
            for (var i = a0; i < a1; i++)
            {
                if (audio[i].SentTicks > finalTicks)
                {
                    finalTicks = audio[i].SentTicks;
                    finalIsAudio = true;
                }
            }
            if (p.StartTicks > triggerFrame.SentTicks) late++;
            if (finalIsAudio) finalAudio++;
            count++;
            final.Add(Ms(p.DoneTicks - finalTicks));
            lastVideo.Add(Ms(p.DoneTicks - lastVideoTicks));
            trigger.Add(Ms(p.DoneTicks - triggerFrame.SentTicks));
            rows.Add(FormattableString.Invariant(
                $"{p.Msn},{p.Index},{p.VideoCount},{p.AudioCount},{p.Bytes},{final[^1]:F2},{lastVideo[^1]:F2},{trigger[^1]:F2},{(finalIsAudio ? 1 : 0)}"));
        }
        return new LatencyAnalysis
        {
            FromFinalFrame = Percentiles.Of(final),
            FromLastVideoFrame = Percentiles.Of(lastVideo),
            FromNextPartFirstFrame = Percentiles.Of(trigger),
            Parts = count,
            CountMismatches = mismatches,
            Unmatched = unmatched,
            LateRequests = late,
            FinalWasAudio = finalAudio,
            Failed = failed,
            Over20Ms = final.Count(v => v > 20),
            Rows = rows,
        };
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static int LowerBound(long[] sorted, long value)
    {
        var i = Array.BinarySearch(sorted, value);
        if (i < 0) return ~i;
        while (i > 0 && sorted[i - 1] == value) i--;
        return i;
    }
}
