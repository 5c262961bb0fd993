namespace Streaming.Transcode.FFmpeg.Native;

/// <summary>
/// Byte offsets of the few struct fields the bindings read or write, taken from the FFmpeg 5.1
/// headers (libavcodec 59, libavutil 57) on x86_64 Linux. Only these fields are ever touched; the
/// structs themselves are always allocated and freed by FFmpeg. <c>OffsetsTests</c>
/// (tests/Transcode.Tests/FFmpeg) compiles a C program with offsetof/sizeof and compares every value.
/// </summary>
internal static class Offsets
{
    /// <summary>libavcodec/avcodec.h, struct AVCodecContext (sizeof 944).</summary>
    public static class CodecContext
    {
        public const int PrivData = 32;       // void *priv_data
        public const int BitRate = 56;        // int64_t bit_rate
        public const int Flags = 76;          // int flags
        public const int Extradata = 88;      // uint8_t *extradata
        public const int ExtradataSize = 96;  // int extradata_size
        public const int TimeBase = 100;      // AVRational time_base
        public const int Width = 116;         // int width
        public const int Height = 120;        // int height
        public const int GopSize = 132;       // int gop_size
        public const int PixFmt = 136;        // enum AVPixelFormat pix_fmt
        public const int MaxBFrames = 160;    // int max_b_frames
        public const int RcBufferSize = 436;  // int rc_buffer_size
        public const int RcMaxRate = 456;     // int64_t rc_max_rate
        public const int ThreadCount = 636;   // int thread_count
        public const int Framerate = 712;     // AVRational framerate
        public const int PktTimebase = 724;   // AVRational pkt_timebase
    }

    /// <summary>libavutil/frame.h, struct AVFrame (sizeof 472).</summary>
    public static class Frame
    {
        public const int Data = 0;            // uint8_t *data[8]
        public const int Linesize = 64;       // int linesize[8]
        public const int Width = 104;         // int width
        public const int Height = 108;        // int height
        public const int Format = 116;        // int format
        public const int KeyFrame = 120;      // int key_frame
        public const int PictType = 124;      // enum AVPictureType pict_type
        public const int Pts = 136;           // int64_t pts
    }

    /// <summary>libavcodec/packet.h, struct AVPacket (sizeof 104).</summary>
    public static class Packet
    {
        public const int Buf = 0;             // AVBufferRef *buf
        public const int Pts = 8;             // int64_t pts
        public const int Dts = 16;            // int64_t dts
        public const int Data = 24;           // uint8_t *data
        public const int Size = 32;           // int size
        public const int Flags = 40;          // int flags
        public const int Duration = 64;       // int64_t duration
    }
}
