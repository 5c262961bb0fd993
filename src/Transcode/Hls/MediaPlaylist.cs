namespace Streaming.Transcode.Hls;

/// <summary>
/// A live LL-HLS media playlist (RFC 8216bis, with partial segments). Pure data: durations in
/// <see cref="PlaylistTime.Timescale"/> ticks, the writer decides nothing but formatting and the
/// delta-update cut. <see cref="Segments"/> are complete segments in MSN order starting at
/// <see cref="MediaSequence"/>; <see cref="OpenSegment"/> is the segment in progress (parts only).
/// Parts are listed for segments with MSN &gt;= <see cref="FirstMsnWithParts"/>.
/// </summary>
public sealed record MediaPlaylist
{
    public const int Version = 9;

    /// <summary>EXT-X-TARGETDURATION in whole seconds.</summary>
    public required int TargetDuration { get; init; }
    public required long PartTarget { get; init; }
    public required long MediaSequence { get; init; }
    public required long DiscontinuitySequence { get; init; }
    public required IReadOnlyList<PlaylistSegment> Segments { get; init; }
    public PlaylistSegment? OpenSegment { get; init; }
    public long FirstMsnWithParts { get; init; }
    public string? PreloadHintUri { get; init; }
    public IReadOnlyList<RenditionReport> RenditionReports { get; init; } = Array.Empty<RenditionReport>();

    /// <summary>PART-HOLD-BACK: three part targets.</summary>
    public long PartHoldBack => 3 * PartTarget;

    /// <summary>CAN-SKIP-UNTIL: six target durations.</summary>
    public long CanSkipUntil => 6L * TargetDuration * PlaylistTime.Timescale;

    /// <summary>
    /// How many leading segments a delta update replaces with EXT-X-SKIP: those that end at least
    /// <see cref="CanSkipUntil"/> before the end of the last complete segment.
    /// </summary>
    public int SkippableSegments()
    {
        long remaining = 0;
        for (var i = Segments.Count - 1; i >= 0; i--)
        {
            if (remaining >= CanSkipUntil) return i + 1;
            remaining += Segments[i].Duration;
        }
        return 0;
    }
}
