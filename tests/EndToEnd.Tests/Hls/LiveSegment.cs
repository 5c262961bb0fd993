namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>
/// A segment of a live media playlist. <see cref="Uri"/> and <see cref="Duration"/> are null/0 for the
/// open segment that so far only has parts.
/// </summary>
public sealed record LiveSegment(
    long Msn,
    double Duration,
    string? Uri,
    DateTimeOffset? ProgramDateTime,
    bool Discontinuity,
    string? MapUri,
    IReadOnlyList<LivePart> Parts)
{
    public bool IsComplete => Uri is not null;
}
