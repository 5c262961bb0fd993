namespace Streaming.Transcode.FFmpeg.Native;

/// <summary>Macro and enum values from the FFmpeg 5.1 headers; checked against them by the offsets test.</summary>
internal static class NativeConstants
{
    public const int AvNumDataPointers = 8;                   // AV_NUM_DATA_POINTERS
    public const int AvInputBufferPaddingSize = 64;           // AV_INPUT_BUFFER_PADDING_SIZE

    public const int AvCodecIdH264 = 27;                      // AV_CODEC_ID_H264
    public const int AvPixFmtYuv420P = 0;                     // AV_PIX_FMT_YUV420P
    public const int AvPixFmtNone = -1;                       // AV_PIX_FMT_NONE
    public const int AvPictureTypeNone = 0;                   // AV_PICTURE_TYPE_NONE
    public const int AvPictureTypeI = 1;                      // AV_PICTURE_TYPE_I

    public const int AvCodecFlagGlobalHeader = 1 << 22;       // AV_CODEC_FLAG_GLOBAL_HEADER
    public const int AvCodecFlagClosedGop = unchecked((int)(1u << 31)); // AV_CODEC_FLAG_CLOSED_GOP
    public const int AvPktFlagKey = 1;                        // AV_PKT_FLAG_KEY
    public const long AvNoPtsValue = unchecked((long)0x8000000000000000UL); // AV_NOPTS_VALUE

    public const int SwsBilinear = 2;                         // SWS_BILINEAR
    public const int SwsBicubic = 4;                          // SWS_BICUBIC

    public const int AvErrorEagain = -11;                     // AVERROR(EAGAIN)
    public const int AvErrorEinval = -22;                     // AVERROR(EINVAL)
    public const int AvErrorEnomem = -12;                     // AVERROR(ENOMEM)
    public const int AvErrorEof = -541478725;                 // AVERROR_EOF
    public const int AvErrorInvalidData = -1094995529;        // AVERROR_INVALIDDATA
    public const int AvErrorEncoderNotFound = -1129203192;    // AVERROR_ENCODER_NOT_FOUND
    public const int AvErrorDecoderNotFound = -1128613112;    // AVERROR_DECODER_NOT_FOUND
    public const int AvErrorOptionNotFound = -1414549496;     // AVERROR_OPTION_NOT_FOUND

    public const int AvLogQuiet = -8;                         // AV_LOG_QUIET
    public const int AvLogError = 16;                         // AV_LOG_ERROR
    public const int AvLogWarning = 24;                       // AV_LOG_WARNING
    public const int AvLogInfo = 32;                          // AV_LOG_INFO

    public const int LibAvCodecVersionMajor = 59;             // LIBAVCODEC_VERSION_MAJOR
    public const int LibAvUtilVersionMajor = 57;              // LIBAVUTIL_VERSION_MAJOR
    public const int LibSwScaleVersionMajor = 6;              // LIBSWSCALE_VERSION_MAJOR
}
