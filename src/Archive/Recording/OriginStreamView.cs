namespace Streaming.Archive.Recording;

/// <summary>The parts of an origin's <c>GET /api/streams</c> entry the archiver reads.</summary>
public sealed record OriginStreamView(string Name, string? Instance, bool Live, string? SessionId, DateTimeOffset? StartedAt,
    DateTimeOffset? LastSessionEndedAt, OriginRenditionView[]? Renditions);
