namespace Streaming.Archive.Recording;

public sealed record OriginRenditionView(string Name, long Bandwidth, long LastMsn, OriginTrackView[]? Tracks);
