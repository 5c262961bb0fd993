using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.FFmpeg;

/// <summary>libswscale filter used by <see cref="FrameScaler"/>.</summary>
public enum ScaleAlgorithm
{
    Bilinear = NativeConstants.SwsBilinear,
    Bicubic = NativeConstants.SwsBicubic,
}
