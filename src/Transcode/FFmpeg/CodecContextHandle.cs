using Microsoft.Win32.SafeHandles;
using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.FFmpeg;

/// <summary>Owns one <c>AVCodecContext</c>; released exactly once with <c>avcodec_free_context</c>.</summary>
public sealed unsafe class CodecContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private CodecContextHandle() : base(ownsHandle: true) { }

    internal static CodecContextHandle Allocate(AVCodec* codec)
    {
        var context = LibAvCodec.avcodec_alloc_context3(codec);
        if (context == null) throw new OutOfMemoryException("avcodec_alloc_context3 failed.");
        var handle = new CodecContextHandle();
        handle.SetHandle((IntPtr)context);
        return handle;
    }

    /// <summary>The native context; throws when the handle was disposed (a bug in the owner).</summary>
    internal AVCodecContext* Context
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (AVCodecContext*)handle;
        }
    }

    protected override bool ReleaseHandle()
    {
        var context = (AVCodecContext*)handle;
        LibAvCodec.avcodec_free_context(&context);
        return true;
    }
}
