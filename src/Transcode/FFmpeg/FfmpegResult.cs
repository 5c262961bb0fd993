using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.FFmpeg;

/// <summary>
/// Result of an FFmpeg call: a status plus the raw AVERROR code (0 when OK). <see cref="Message"/>
/// asks <c>av_strerror</c> for the text, so it only allocates when somebody reads it.
/// </summary>
public readonly record struct FfmpegResult(FfmpegStatus Status, int ErrorCode)
{
    public static FfmpegResult Ok => default;

    public bool IsOk => Status == FfmpegStatus.Ok;

    /// <summary>Maps a libav return value: non-negative is OK, negative AVERROR codes are classified.</summary>
    public static FfmpegResult FromCode(int code) => code switch
    {
        >= 0 => Ok,
        NativeConstants.AvErrorEagain => new(FfmpegStatus.Again, code),
        NativeConstants.AvErrorEof => new(FfmpegStatus.EndOfStream, code),
        NativeConstants.AvErrorInvalidData => new(FfmpegStatus.InvalidData, code),
        _ => new(FfmpegStatus.Error, code),
    };

    /// <summary>The <c>av_strerror</c> text of <see cref="ErrorCode"/>, or "OK".</summary>
    public string Message => ErrorCode == 0 ? "OK" : FfmpegError.Describe(ErrorCode);

    public override string ToString() => ErrorCode == 0 ? "Ok" : $"{Status} ({ErrorCode}): {Message}";
}
