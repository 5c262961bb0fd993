namespace Streaming.Shared.Media;

/// <summary>The tracks of a live stream at one moment: at most one video and one audio track.</summary>
public sealed record StreamTracks(TrackInfo? Video, TrackInfo? Audio)
{
    public static readonly StreamTracks None = new(null, null);

    public TrackInfo? Get(TrackKind kind) => kind == TrackKind.Video ? Video : Audio;

    public StreamTracks With(TrackInfo track) =>
        track.Kind == TrackKind.Video ? this with { Video = track } : this with { Audio = track };

    public bool IsEmpty => Video is null && Audio is null;
}
