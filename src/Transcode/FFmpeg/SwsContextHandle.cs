using Microsoft.Win32.SafeHandles;
using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.FFmpeg;

/// <summary>Owns one <c>SwsContext</c>; released exactly once with <c>sws_freeContext</c>.</summary>
public sealed unsafe class SwsContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private SwsContextHandle() : base(ownsHandle: true) { }

    /// <summary>Wraps a context from <c>sws_getContext</c>; null (unsupported formats) gives null.</summary>
    internal static SwsContextHandle? Wrap(SwsContext* context)
    {
        if (context == null) return null;
        var handle = new SwsContextHandle();
        handle.SetHandle((IntPtr)context);
        return handle;
    }

    internal SwsContext* Context
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (SwsContext*)handle;
        }
    }

    protected override bool ReleaseHandle()
    {
        LibSwScale.sws_freeContext((SwsContext*)handle);
        return true;
    }
}
