namespace Streaming.Archive.Recording;

public sealed record OriginTrackView(string Kind, string Codec);
