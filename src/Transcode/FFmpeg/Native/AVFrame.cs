using System.Runtime.InteropServices;

namespace Streaming.Transcode.FFmpeg.Native;

/// <summary>
/// Partial view of <c>AVFrame</c>: only the fields the bindings use, at the offsets in
/// <see cref="Offsets.Frame"/>. Only used through pointers from <c>av_frame_alloc</c>.
/// </summary>
[StructLayout(LayoutKind.Explicit)]
internal unsafe struct AVFrame
{
    /// <summary><c>uint8_t *data[AV_NUM_DATA_POINTERS]</c>, as raw addresses.</summary>
    [FieldOffset(Offsets.Frame.Data)] public fixed ulong Data[NativeConstants.AvNumDataPointers];
    [FieldOffset(Offsets.Frame.Linesize)] public fixed int Linesize[NativeConstants.AvNumDataPointers];
    [FieldOffset(Offsets.Frame.Width)] public int Width;
    [FieldOffset(Offsets.Frame.Height)] public int Height;
    [FieldOffset(Offsets.Frame.Format)] public int Format;
    [FieldOffset(Offsets.Frame.KeyFrame)] public int KeyFrame;
    [FieldOffset(Offsets.Frame.PictType)] public int PictType;
    [FieldOffset(Offsets.Frame.Pts)] public long Pts;
}
