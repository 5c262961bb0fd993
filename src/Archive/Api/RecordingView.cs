namespace Streaming.Archive.Api;

public sealed record SessionView(string Id, DateTimeOffset? Start, DateTimeOffset? End, bool Live, double DurationSeconds, long Bytes,
    string[] Renditions, string Playlist);

public sealed record RecordingView(string Stream, SessionView[] Sessions);
