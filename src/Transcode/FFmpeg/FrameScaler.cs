using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.FFmpeg;

/// <summary>
/// Scales decoded pictures to a fixed WxH yuv420p <see cref="Output"/> frame that is reused for
/// every call (no per-frame allocation unless an encoder still references the previous picture).
/// The swscale context is rebuilt only when the source size or pixel format changes. Not thread-safe.
/// </summary>
public sealed unsafe class FrameScaler : IDisposable
{
    private readonly ScaleAlgorithm _algorithm;
    private SwsContextHandle? _sws;
    private int _sourceWidth, _sourceHeight, _sourceFormat = NativeConstants.AvPixFmtNone;

    public FrameScaler(int width, int height, ScaleAlgorithm algorithm = ScaleAlgorithm.Bicubic)
    {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"Output size {width}x{height} must be positive and even.");
        Width = width;
        Height = height;
        _algorithm = algorithm;
        Output = FrameHandle.Allocate();
        var frame = Output.Frame;
        frame->Width = width;
        frame->Height = height;
        frame->Format = NativeConstants.AvPixFmtYuv420P;
        var code = LibAvUtil.av_frame_get_buffer(frame, 0);
        if (code < 0)
        {
            Output.Dispose();
            throw new OutOfMemoryException($"av_frame_get_buffer failed: {FfmpegError.Describe(code)}");
        }
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The scaled picture (yuv420p, <see cref="Width"/>x<see cref="Height"/>), overwritten by each <see cref="Scale"/>.</summary>
    public FrameHandle Output { get; }

    /// <summary>Scales <paramref name="source"/> into <see cref="Output"/> and copies its pts.</summary>
    public FfmpegResult Scale(FrameHandle source)
    {
        var src = source.Frame;
        if (src->Data[0] == 0 || src->Width <= 0 || src->Height <= 0)
            return new FfmpegResult(FfmpegStatus.InvalidData, NativeConstants.AvErrorInvalidData);
        if (_sws is null || src->Width != _sourceWidth || src->Height != _sourceHeight || src->Format != _sourceFormat)
        {
            _sws?.Dispose();
            _sws = SwsContextHandle.Wrap(LibSwScale.sws_getContext(src->Width, src->Height, src->Format,
                Width, Height, NativeConstants.AvPixFmtYuv420P, (int)_algorithm, null, null, null));
            if (_sws is null)
            {
                _sourceFormat = NativeConstants.AvPixFmtNone;
                return new FfmpegResult(FfmpegStatus.Error, NativeConstants.AvErrorEinval);
            }
            (_sourceWidth, _sourceHeight, _sourceFormat) = (src->Width, src->Height, src->Format);
        }

        var dst = Output.Frame;
        var writable = LibAvUtil.av_frame_make_writable(dst);
        if (writable < 0) return FfmpegResult.FromCode(writable);
        var lines = LibSwScale.sws_scale(_sws.Context, (byte**)src->Data, src->Linesize, 0, src->Height,
            (byte**)dst->Data, dst->Linesize);
        if (lines < 0) return FfmpegResult.FromCode(lines);
        dst->Pts = src->Pts;
        dst->PictType = NativeConstants.AvPictureTypeNone;
        dst->KeyFrame = 0;
        return FfmpegResult.Ok;
    }

    public void Dispose()
    {
        _sws?.Dispose();
        Output.Dispose();
    }
}
