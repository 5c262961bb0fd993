using Streaming.Shared.Media;

namespace Streaming.Transcode.FFmpeg;

/// <summary>
/// One encoded H.264 access unit in AVCC form (4-byte length prefixes) in a pooled buffer whose single
/// reference belongs to the receiver. Times are 90 kHz ticks.
/// </summary>
public readonly struct EncodedPacket
{
    public EncodedPacket(SharedBuffer buffer, long pts, long dts, bool isKeyframe)
    {
        Buffer = buffer;
        Pts = pts;
        Dts = dts;
        IsKeyframe = isKeyframe;
    }

    public SharedBuffer Buffer { get; }
    public long Pts { get; }
    public long Dts { get; }
    public bool IsKeyframe { get; }
    public ReadOnlySpan<byte> Payload => Buffer.Span;

    /// <summary>Hands the buffer reference over to a video <see cref="MediaFrame"/>.</summary>
    public MediaFrame ToMediaFrame(long arrivalUnixMicros, FrameFlags extraFlags = FrameFlags.None) =>
        new(TrackKind.Video, (IsKeyframe ? FrameFlags.Keyframe : FrameFlags.None) | extraFlags, Dts, Pts,
            arrivalUnixMicros, Buffer, 0, Buffer.Length);
}
