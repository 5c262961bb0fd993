namespace Streaming.Shared.Media;

[Flags]
public enum FrameFlags : byte
{
    None = 0,
    /// <summary>A video frame that starts a GOP (IDR); every audio frame is independent too.</summary>
    Keyframe = 1,
    /// <summary>First frame after a gap: the publisher reconnected or frames were dropped before it.</summary>
    Discontinuity = 2,
}
