using System.Runtime.InteropServices;

namespace Streaming.Transcode.FFmpeg.Native;

/// <summary>libswscale 6 imports.</summary>
internal static unsafe partial class LibSwScale
{
    static LibSwScale() => FfmpegLibraryResolver.EnsureRegistered();

    private const string Lib = FfmpegLibraryResolver.SwScale;

    [LibraryImport(Lib, EntryPoint = "swscale_version")]
    public static partial uint swscale_version();

    [LibraryImport(Lib, EntryPoint = "sws_getContext")]
    public static partial SwsContext* sws_getContext(int srcW, int srcH, int srcFormat, int dstW, int dstH, int dstFormat,
        int flags, void* srcFilter, void* dstFilter, double* param);

    [LibraryImport(Lib, EntryPoint = "sws_scale")]
    public static partial int sws_scale(SwsContext* context, byte** srcSlice, int* srcStride, int srcSliceY, int srcSliceH,
        byte** dst, int* dstStride);

    [LibraryImport(Lib, EntryPoint = "sws_freeContext")]
    public static partial void sws_freeContext(SwsContext* context);
}
