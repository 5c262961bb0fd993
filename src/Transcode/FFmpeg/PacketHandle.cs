using Microsoft.Win32.SafeHandles;
using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.FFmpeg;

/// <summary>Owns one <c>AVPacket</c>; released exactly once with <c>av_packet_free</c> (which unrefs it).</summary>
public sealed unsafe class PacketHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private PacketHandle() : base(ownsHandle: true) { }

    public static PacketHandle Allocate()
    {
        var packet = LibAvCodec.av_packet_alloc();
        if (packet == null) throw new OutOfMemoryException("av_packet_alloc failed.");
        var handle = new PacketHandle();
        handle.SetHandle((IntPtr)packet);
        return handle;
    }

    internal AVPacket* Packet
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (AVPacket*)handle;
        }
    }

    public void Unref() => LibAvCodec.av_packet_unref(Packet);

    protected override bool ReleaseHandle()
    {
        var packet = (AVPacket*)handle;
        LibAvCodec.av_packet_free(&packet);
        return true;
    }
}
