using Streaming.Shared.Media;

namespace Streaming.Transcode.Transcoding;

public sealed partial class StreamTranscoder
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: transcoding {Width}x{Height} into {Rungs}")]
    private static partial void LogOpened(ILogger logger, string stream, int width, int height, string rungs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: no video track, no transcoded renditions (audio-only streams are served as the source rendition)")]
    private static partial void LogNoVideo(ILogger logger, string stream);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: video codec {Codec} is not H.264, no transcoded renditions")]
    private static partial void LogUnsupportedCodec(ILogger logger, string stream, CodecId codec);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: source {Width}x{Height} has no ladder rung below it, serving the source only")]
    private static partial void LogNoRungs(ILogger logger, string stream, int width, int height);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: decoder rejected the access unit at pts {Pts} ({Result}); skipping to the next keyframe")]
    private static partial void LogDecodeError(ILogger logger, string stream, long pts, string result);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Stream}: could not open the decoder ({Result}); retrying at the next keyframe")]
    private static partial void LogOpenFailed(ILogger logger, string stream, string result);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Stream}: rung encoder failed to open: {Failure}")]
    private static partial void LogRungFailure(ILogger logger, string stream, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Stream}: transcoding pipeline failed; re-opening it at the next keyframe")]
    private static partial void LogPipelineRestart(ILogger logger, string stream, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Stream}: transcoding job ended by an unexpected error")]
    private static partial void LogJobFailed(ILogger logger, string stream, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: {Action} load, level {Level} at speed {Speed:F2} (preset {Preset}, {Dropped} rung(s) dropped)")]
    private static partial void LogShedLevel(ILogger logger, string stream, string action, int level, double speed, string preset, int dropped);
}
