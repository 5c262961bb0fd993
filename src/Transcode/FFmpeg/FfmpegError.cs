using System.Text;
using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.FFmpeg;

/// <summary>Error text for AVERROR codes via <c>av_strerror</c>.</summary>
public static class FfmpegError
{
    private const int BufferSize = 256;

    public static unsafe string Describe(int errorCode)
    {
        var buffer = stackalloc byte[BufferSize];
        if (LibAvUtil.av_strerror(errorCode, buffer, BufferSize) < 0)
            return $"Unknown FFmpeg error {errorCode}";
        var length = new ReadOnlySpan<byte>(buffer, BufferSize).IndexOf((byte)0);
        return Encoding.UTF8.GetString(buffer, length < 0 ? BufferSize : length);
    }
}
