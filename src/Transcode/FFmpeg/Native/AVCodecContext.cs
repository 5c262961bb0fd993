using System.Runtime.InteropServices;

namespace Streaming.Transcode.FFmpeg.Native;

/// <summary>
/// Partial view of <c>AVCodecContext</c>: only the fields the bindings use, at the offsets in
/// <see cref="Offsets.CodecContext"/>. Never allocated by .NET; only used through pointers from
/// <c>avcodec_alloc_context3</c>.
/// </summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVCodecContext
{
    [FieldOffset(Offsets.CodecContext.PrivData)] public void* PrivData;
    [FieldOffset(Offsets.CodecContext.BitRate)] public long BitRate;
    [FieldOffset(Offsets.CodecContext.Flags)] public int Flags;
    [FieldOffset(Offsets.CodecContext.Extradata)] public byte* Extradata;
    [FieldOffset(Offsets.CodecContext.ExtradataSize)] public int ExtradataSize;
    [FieldOffset(Offsets.CodecContext.TimeBase)] public AVRational TimeBase;
    [FieldOffset(Offsets.CodecContext.Width)] public int Width;
    [FieldOffset(Offsets.CodecContext.Height)] public int Height;
    [FieldOffset(Offsets.CodecContext.GopSize)] public int GopSize;
    [FieldOffset(Offsets.CodecContext.PixFmt)] public int PixFmt;
    [FieldOffset(Offsets.CodecContext.MaxBFrames)] public int MaxBFrames;
    [FieldOffset(Offsets.CodecContext.RcBufferSize)] public int RcBufferSize;
    [FieldOffset(Offsets.CodecContext.RcMaxRate)] public long RcMaxRate;
    [FieldOffset(Offsets.CodecContext.ThreadCount)] public int ThreadCount;
    [FieldOffset(Offsets.CodecContext.Framerate)] public AVRational Framerate;
    [FieldOffset(Offsets.CodecContext.PktTimebase)] public AVRational PktTimebase;
}
