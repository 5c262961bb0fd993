namespace Streaming.Shared.Media;

public enum TrackKind : byte
{
    Video = 0,
    Audio = 1,
}
