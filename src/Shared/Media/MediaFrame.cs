namespace Streaming.Shared.Media;

/// <summary>
/// One access unit of one track. A value type: the payload lives in a pooled, reference-counted
/// <see cref="SharedBuffer"/> that may hold more than this frame (the whole RTMP message), so
/// <see cref="Offset"/>/<see cref="Length"/> select the payload. Times are 90 kHz ticks
/// (<see cref="MediaTime.Timescale"/>); <see cref="ArrivalUnixMicros"/> is the wall-clock time the
/// frame's last byte arrived at ingest, which becomes EXT-X-PROGRAM-DATE-TIME downstream.
/// </summary>
public readonly struct MediaFrame
{
    public MediaFrame(TrackKind track, FrameFlags flags, long dts, long pts, long arrivalUnixMicros,
        SharedBuffer buffer, int offset, int length)
    {
        Track = track;
        Flags = flags;
        Dts = dts;
        Pts = pts;
        ArrivalUnixMicros = arrivalUnixMicros;
        Buffer = buffer;
        Offset = offset;
        Length = length;
    }

    public TrackKind Track { get; }
    public FrameFlags Flags { get; }
    public long Dts { get; }
    public long Pts { get; }
    public long ArrivalUnixMicros { get; }
    public SharedBuffer Buffer { get; }
    public int Offset { get; }
    public int Length { get; }

    public bool IsKeyframe => (Flags & FrameFlags.Keyframe) != 0;
    public bool IsVideo => Track == TrackKind.Video;
    public long CompositionOffset => Pts - Dts;
    public ReadOnlySpan<byte> Payload => Buffer.Span.Slice(Offset, Length);
    public ReadOnlyMemory<byte> PayloadMemory => Buffer.Slice(Offset, Length);

    public MediaFrame WithFlags(FrameFlags flags) => new(Track, flags, Dts, Pts, ArrivalUnixMicros, Buffer, Offset, Length);
    public MediaFrame WithTimes(long dts, long pts) => new(Track, Flags, dts, pts, ArrivalUnixMicros, Buffer, Offset, Length);

    /// <summary>Takes one more reference on the payload for a reader that keeps the frame.</summary>
    public MediaFrame AddRef()
    {
        Buffer.AddRef();
        return this;
    }

    public void Release() => Buffer.Release();
}
