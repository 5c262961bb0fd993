namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>What the end-to-end tests need to navigate a live (LL-HLS) media playlist.</summary>
public sealed record LivePlaylist(
    string Text,
    double TargetDuration,
    double? PartTarget,
    double? CanSkipUntil,
    bool CanBlockReload,
    long MediaSequence,
    long DiscontinuitySequence,
    int? SkippedSegments,
    IReadOnlyList<LiveSegment> Segments,
    string? PreloadHintUri,
    bool EndList)
{
    public IEnumerable<LiveSegment> CompleteSegments => Segments.Where(s => s.IsComplete);

    public long LastCompleteMsn => Segments.LastOrDefault(s => s.IsComplete)?.Msn ?? MediaSequence - 1;

    /// <summary>Duration of the complete segments listed (after any skipped ones).</summary>
    public double CompleteDuration => CompleteSegments.Sum(s => s.Duration);

    /// <summary>The (msn, part index) of the part after the last one listed.</summary>
    public (long Msn, int Part) NextPart()
    {
        var last = Segments.LastOrDefault();
        if (last is null)
        {
            return (MediaSequence, 0);
        }

        return last.IsComplete ? (last.Msn + 1, 0) : (last.Msn, last.Parts.Count);
    }

    /// <summary>True when the part (msn, index) is listed.</summary>
    /// <summary>
    /// The playlist holds part (msn, index) or shows it will never come: a request for the part after a
    /// segment's last one (RFC 8216bis 6.2.5.2) is answered once that segment is complete.
    /// </summary>
    public bool HasPartOrLater(long msn, int index) =>
        HasPart(msn, index) || Segments.Any(s => s.Msn == msn && s.IsComplete);

    public bool HasPart(long msn, int index) =>
        Segments.Any(s => s.Msn == msn && s.Parts.Count > index) || Segments.Any(s => s.Msn > msn);
}
