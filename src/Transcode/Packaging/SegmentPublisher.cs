using Streaming.Shared.Media;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// Writes one rendition's parts and segments into its <see cref="RenditionWindow"/>: opens a segment (dated
/// by the program-date-time clock, marked after a discontinuity), writes the assembled part as one numbered
/// CMAF fragment, closes the segment. Knows where the open segment and the part being built start (output
/// ticks) and whether anything was published since <see cref="TakeChanged"/>. Packager thread only.
/// </summary>
internal sealed class SegmentPublisher(RenditionWindow window, PartAssembler part, ProgramDateTimeClock clock, DecodeTimeline timeline)
{
    private uint _sequence;
    private long _lastPartArrival;
    private bool _changed;

    public bool SegmentOpen { get; private set; }
    public long SegmentStart { get; private set; }
    /// <summary>Start of the part being built (output ticks).</summary>
    public long PartStart { get; set; }
    /// <summary>The next segment opened carries EXT-X-DISCONTINUITY.</summary>
    public bool PendingDiscontinuity { get; set; }
    /// <summary>Latest ingest arrival among the frames of the last published part (unix µs), 0 before the first (any thread).</summary>
    public long LastPartArrivalUnixMicros => Volatile.Read(ref _lastPartArrival);

    /// <summary>Whether something was published since the last call.</summary>
    public bool TakeChanged()
    {
        var changed = _changed;
        _changed = false;
        return changed;
    }

    public void OpenSegment(long start)
    {
        var pdt = clock.ToUnixMicros(MediaTime.Rescale(start, MediaTime.Timescale, 1_000_000));
        window.BeginSegment(PendingDiscontinuity, pdt);
        PendingDiscontinuity = false;
        SegmentOpen = true;
        SegmentStart = start;
        PartStart = start;
        _changed = true;
    }

    /// <summary>
    /// Publishes the part: all its video and the audio before <paramref name="endTicks"/> (nothing when there is
    /// no video in a video rendition, or nothing at all). The next part starts at <paramref name="endTicks"/>, or
    /// right after this one with <see cref="long.MaxValue"/>.
    /// </summary>
    public void ClosePart(long endTicks, AudioTimeline? audio, bool hasVideo)
    {
        var audioCount = part.AudioCountBefore(endTicks);
        if (part.VideoCount == 0 && (audioCount == 0 || hasVideo)) return;
        long duration;
        bool independent;
        var videoFrames = part.VideoCount;
        if (videoFrames > 0)
        {
            duration = part.VideoTicks;
            independent = part.StartsWithKeyframe;
        }
        else
        {
            duration = audio!.ToTicks(part.AudioEnd(audioCount)) - audio.ToTicks(part.AudioDecodeTime(0));
            independent = true;
            timeline.Extend(audio.ToTicks(part.AudioEnd(audioCount)));
        }
        if (audioCount > 0) timeline.Extend(audio!.ToTicks(part.AudioEnd(audioCount)));
        var buffer = part.Write(++_sequence, audioCount);
        Volatile.Write(ref _lastPartArrival, part.LastWrittenArrivalUnixMicros);
        window.AddPart(buffer, duration, independent, videoFrames);
        PartStart = endTicks == long.MaxValue ? PartStart + duration : endTicks;
        _changed = true;
    }

    public void CloseSegment()
    {
        window.EndSegment();
        SegmentOpen = false;
        _changed = true;
    }
}
