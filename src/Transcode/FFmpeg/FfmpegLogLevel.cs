using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.FFmpeg;

/// <summary>libavutil log levels (what FFmpeg itself prints to stderr).</summary>
public enum FfmpegLogLevel
{
    Quiet = NativeConstants.AvLogQuiet,
    Error = NativeConstants.AvLogError,
    Warning = NativeConstants.AvLogWarning,
    Info = NativeConstants.AvLogInfo,
}
