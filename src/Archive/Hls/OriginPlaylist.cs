namespace Streaming.Archive.Hls;

/// <summary>What the archiver needs from an origin media playlist: the complete segments (parts are ignored).</summary>
public sealed record OriginPlaylist(int TargetDuration, long MediaSequence, IReadOnlyList<ArchivedSegment> Segments, bool Ended)
{
    /// <summary>Msn of the last complete segment, or MediaSequence - 1 when none is complete.</summary>
    public long LastCompleteMsn => Segments.Count > 0 ? Segments[^1].Msn : MediaSequence - 1;
}
