using System.Runtime.InteropServices;

namespace Streaming.Transcode.FFmpeg.Native;

/// <summary>
/// Partial view of <c>AVPacket</c>: only the fields the bindings use, at the offsets in
/// <see cref="Offsets.Packet"/>. Only used through pointers from <c>av_packet_alloc</c>.
/// </summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVPacket
{
    /// <summary><c>AVBufferRef *buf</c>; null means the packet borrows <see cref="Data"/>.</summary>
    [FieldOffset(Offsets.Packet.Buf)] public void* Buf;
    [FieldOffset(Offsets.Packet.Pts)] public long Pts;
    [FieldOffset(Offsets.Packet.Dts)] public long Dts;
    [FieldOffset(Offsets.Packet.Data)] public byte* Data;
    [FieldOffset(Offsets.Packet.Size)] public int Size;
    [FieldOffset(Offsets.Packet.Flags)] public int Flags;
    [FieldOffset(Offsets.Packet.Duration)] public long Duration;
}
