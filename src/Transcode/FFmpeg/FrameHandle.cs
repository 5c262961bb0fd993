using Microsoft.Win32.SafeHandles;
using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.FFmpeg;

/// <summary>
/// Owns one <c>AVFrame</c> (released exactly once with <c>av_frame_free</c>, which drops its buffer
/// references). Decoders fill it, <see cref="FrameScaler"/> reads it and owns its own output frame,
/// <see cref="H264Encoder"/> encodes from it. Times are 90 kHz ticks.
/// </summary>
public sealed unsafe class FrameHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private FrameHandle() : base(ownsHandle: true) { }

    public static FrameHandle Allocate()
    {
        var frame = LibAvUtil.av_frame_alloc();
        if (frame == null) throw new OutOfMemoryException("av_frame_alloc failed.");
        var handle = new FrameHandle();
        handle.SetHandle((IntPtr)frame);
        return handle;
    }

    internal AVFrame* Frame
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (AVFrame*)handle;
        }
    }

    public int Width => Frame->Width;
    public int Height => Frame->Height;
    /// <summary>The <c>AVPixelFormat</c> value; 0 is yuv420p, -1 means no picture.</summary>
    public int PixelFormat => Frame->Format;
    public bool HasPicture => Frame->Data[0] != 0;

    /// <summary>Presentation time in 90 kHz ticks (<c>AV_NOPTS_VALUE</c> when unknown).</summary>
    public long Pts
    {
        get => Frame->Pts;
        set => Frame->Pts = value;
    }

    /// <summary>Decoded frames: the picture was an IDR/key picture.</summary>
    public bool IsKeyframe => Frame->KeyFrame != 0;

    /// <summary>The <c>AVPictureType</c> (1 = I, 2 = P, 3 = B, 0 = unknown).</summary>
    public int PictureType => Frame->PictType;

    /// <summary>Drops the picture buffers (the frame object stays reusable).</summary>
    public void Unref() => LibAvUtil.av_frame_unref(Frame);

    protected override bool ReleaseHandle()
    {
        var frame = (AVFrame*)handle;
        LibAvUtil.av_frame_free(&frame);
        return true;
    }
}
