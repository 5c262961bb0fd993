using System.Runtime.InteropServices;

namespace Streaming.Transcode.FFmpeg.Native;

/// <summary>libavcodec 59 imports: exactly what the decode -> scale -> encode pipeline calls.</summary>
internal static unsafe partial class LibAvCodec
{
    static LibAvCodec() => FfmpegLibraryResolver.EnsureRegistered();

    private const string Lib = FfmpegLibraryResolver.AvCodec;

    [LibraryImport(Lib, EntryPoint = "avcodec_version")]
    public static partial uint avcodec_version();

    [LibraryImport(Lib, EntryPoint = "avcodec_find_decoder")]
    public static partial AVCodec* avcodec_find_decoder(int codecId);

    [LibraryImport(Lib, EntryPoint = "avcodec_find_encoder_by_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial AVCodec* avcodec_find_encoder_by_name(string name);

    [LibraryImport(Lib, EntryPoint = "avcodec_alloc_context3")]
    public static partial AVCodecContext* avcodec_alloc_context3(AVCodec* codec);

    [LibraryImport(Lib, EntryPoint = "avcodec_free_context")]
    public static partial void avcodec_free_context(AVCodecContext** context);

    [LibraryImport(Lib, EntryPoint = "avcodec_open2")]
    public static partial int avcodec_open2(AVCodecContext* context, AVCodec* codec, AVDictionary** options);

    [LibraryImport(Lib, EntryPoint = "avcodec_send_packet")]
    public static partial int avcodec_send_packet(AVCodecContext* context, AVPacket* packet);

    [LibraryImport(Lib, EntryPoint = "avcodec_receive_frame")]
    public static partial int avcodec_receive_frame(AVCodecContext* context, AVFrame* frame);

    [LibraryImport(Lib, EntryPoint = "avcodec_send_frame")]
    public static partial int avcodec_send_frame(AVCodecContext* context, AVFrame* frame);

    [LibraryImport(Lib, EntryPoint = "avcodec_receive_packet")]
    public static partial int avcodec_receive_packet(AVCodecContext* context, AVPacket* packet);

    [LibraryImport(Lib, EntryPoint = "avcodec_flush_buffers")]
    public static partial void avcodec_flush_buffers(AVCodecContext* context);

    [LibraryImport(Lib, EntryPoint = "av_packet_alloc")]
    public static partial AVPacket* av_packet_alloc();

    [LibraryImport(Lib, EntryPoint = "av_packet_free")]
    public static partial void av_packet_free(AVPacket** packet);

    [LibraryImport(Lib, EntryPoint = "av_packet_unref")]
    public static partial void av_packet_unref(AVPacket* packet);
}
