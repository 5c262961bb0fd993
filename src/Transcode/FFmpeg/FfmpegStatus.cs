namespace Streaming.Transcode.FFmpeg;

/// <summary>Outcome class of an FFmpeg call; the expected decoder/encoder conditions are not exceptions.</summary>
public enum FfmpegStatus
{
    Ok = 0,
    /// <summary>AVERROR(EAGAIN): after a send, receive first; after a receive, send more input.</summary>
    Again,
    /// <summary>AVERROR_EOF: the codec is fully drained.</summary>
    EndOfStream,
    /// <summary>AVERROR_INVALIDDATA: corrupt input; the codec stays usable.</summary>
    InvalidData,
    /// <summary>Any other negative AVERROR code (see <see cref="FfmpegResult.ErrorCode"/>).</summary>
    Error,
}
