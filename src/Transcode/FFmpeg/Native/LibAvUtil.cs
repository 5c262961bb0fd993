using System.Runtime.InteropServices;

namespace Streaming.Transcode.FFmpeg.Native;

/// <summary>libavutil 57 imports: frames, dictionaries, options, memory, errors, logging.</summary>
internal static unsafe partial class LibAvUtil
{
    static LibAvUtil() => FfmpegLibraryResolver.EnsureRegistered();

    private const string Lib = FfmpegLibraryResolver.AvUtil;

    [LibraryImport(Lib, EntryPoint = "avutil_version")]
    public static partial uint avutil_version();

    [LibraryImport(Lib, EntryPoint = "av_frame_alloc")]
    public static partial AVFrame* av_frame_alloc();

    [LibraryImport(Lib, EntryPoint = "av_frame_free")]
    public static partial void av_frame_free(AVFrame** frame);

    [LibraryImport(Lib, EntryPoint = "av_frame_unref")]
    public static partial void av_frame_unref(AVFrame* frame);

    [LibraryImport(Lib, EntryPoint = "av_frame_get_buffer")]
    public static partial int av_frame_get_buffer(AVFrame* frame, int align);

    /// <summary>Copies the frame's data to new buffers when another reference (e.g. an encoder) still holds them.</summary>
    [LibraryImport(Lib, EntryPoint = "av_frame_make_writable")]
    public static partial int av_frame_make_writable(AVFrame* frame);

    [LibraryImport(Lib, EntryPoint = "av_dict_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_dict_set(AVDictionary** dictionary, string key, string? value, int flags);

    [LibraryImport(Lib, EntryPoint = "av_dict_free")]
    public static partial void av_dict_free(AVDictionary** dictionary);

    [LibraryImport(Lib, EntryPoint = "av_opt_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_opt_set(void* obj, string name, string value, int searchFlags);

    [LibraryImport(Lib, EntryPoint = "av_strerror")]
    public static partial int av_strerror(int errnum, byte* buffer, nuint bufferSize);

    [LibraryImport(Lib, EntryPoint = "av_malloc")]
    public static partial void* av_malloc(nuint size);

    [LibraryImport(Lib, EntryPoint = "av_free")]
    public static partial void av_free(void* pointer);

    [LibraryImport(Lib, EntryPoint = "av_log_set_level")]
    public static partial void av_log_set_level(int level);
}
