using System.Diagnostics.CodeAnalysis;
using Streaming.Shared.Media;
using Streaming.Transcode.FFmpeg.Bitstream;
using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.FFmpeg;

/// <summary>
/// libx264 through libavcodec: yuv420p input at 90 kHz timestamps, closed GOPs, no scene-cut
/// keyframes (only every <see cref="H264EncoderOptions.GopSize"/> frames and where forced, as IDR),
/// parameter sets out of band (<see cref="CodecConfig"/>), AVCC packets in pooled buffers.
/// Usage per frame: <see cref="Send"/>, then <see cref="ReceivePacket"/> until <see cref="FfmpegStatus.Again"/>;
/// at the end <see cref="Drain"/> and receive until <see cref="FfmpegStatus.EndOfStream"/>. Not thread-safe.
/// </summary>
public sealed unsafe class H264Encoder : IDisposable
{
    public const string EncoderName = "libx264";

    private readonly CodecContextHandle _context;
    private readonly PacketHandle _packet;

    private H264Encoder(CodecContextHandle context, PacketHandle packet, H264EncoderOptions options, byte[] codecConfig)
    {
        _context = context;
        _packet = packet;
        Options = options;
        CodecConfig = codecConfig;
    }

    public H264EncoderOptions Options { get; }

    /// <summary>The AVCDecoderConfigurationRecord (avcC) of the stream, built from libx264's SPS/PPS.</summary>
    public byte[] CodecConfig { get; }

    /// <summary>Opens the encoder; invalid <paramref name="options"/> are a bug and throw <see cref="ArgumentException"/>.</summary>
    public static bool TryCreate(H264EncoderOptions options, [NotNullWhen(true)] out H264Encoder? encoder, out FfmpegResult result)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));
        encoder = null;
        var codec = LibAvCodec.avcodec_find_encoder_by_name(EncoderName);
        if (codec == null)
        {
            result = new FfmpegResult(FfmpegStatus.Error, NativeConstants.AvErrorEncoderNotFound);
            return false;
        }

        var context = CodecContextHandle.Allocate(codec);
        result = Configure(context.Context, options);
        if (result.IsOk) result = Open(context.Context, codec, options.AdditionalOptions);
        byte[]? config = null;
        if (result.IsOk)
        {
            var ctx = context.Context;
            config = ctx->Extradata == null ? null
                : AvcDecoderConfigurationRecord.FromExtradata(new ReadOnlySpan<byte>(ctx->Extradata, ctx->ExtradataSize));
            if (config is null) result = new FfmpegResult(FfmpegStatus.InvalidData, NativeConstants.AvErrorInvalidData);
        }
        if (!result.IsOk || config is null)
        {
            context.Dispose();
            return false;
        }
        encoder = new H264Encoder(context, PacketHandle.Allocate(), options, config);
        return true;
    }

    /// <summary>
    /// Sends one yuv420p picture of the configured size (e.g. <see cref="FrameScaler.Output"/>).
    /// Sets the frame's pts and picture type; <paramref name="forceKeyframe"/> makes this frame an IDR.
    /// <see cref="FfmpegStatus.Again"/> means packets must be received first.
    /// </summary>
    public FfmpegResult Send(FrameHandle frame, long pts, bool forceKeyframe)
    {
        var f = frame.Frame;
        if (f->Width != Options.Width || f->Height != Options.Height || f->Format != NativeConstants.AvPixFmtYuv420P)
            throw new ArgumentException(
                $"Frame {f->Width}x{f->Height} format {f->Format} does not match the encoder's {Options.Width}x{Options.Height} yuv420p.",
                nameof(frame));
        f->Pts = pts;
        f->PictType = forceKeyframe ? NativeConstants.AvPictureTypeI : NativeConstants.AvPictureTypeNone;
        return FfmpegResult.FromCode(LibAvCodec.avcodec_send_frame(_context.Context, f));
    }

    /// <summary>Tells the encoder no more frames come; the delayed packets then come out of <see cref="ReceivePacket"/>.</summary>
    public FfmpegResult Drain() => FfmpegResult.FromCode(LibAvCodec.avcodec_send_frame(_context.Context, null));

    /// <summary>
    /// Takes the next encoded access unit, converted from libx264's Annex B to AVCC into a pooled
    /// <see cref="SharedBuffer"/> (the caller owns its one reference).
    /// </summary>
    public FfmpegResult ReceivePacket(out EncodedPacket packet)
    {
        packet = default;
        var p = _packet.Packet;
        var result = FfmpegResult.FromCode(LibAvCodec.avcodec_receive_packet(_context.Context, p));
        if (!result.IsOk) return result;
        try
        {
            var annexB = new ReadOnlySpan<byte>(p->Data, p->Size);
            var buffer = SharedBuffer.Rent(AnnexB.AvccLength(annexB));
            buffer.SetLength(AnnexB.ToAvcc(annexB, buffer.WritableSpan));
            packet = new EncodedPacket(buffer, p->Pts, p->Dts, (p->Flags & NativeConstants.AvPktFlagKey) != 0);
            return FfmpegResult.Ok;
        }
        finally
        {
            LibAvCodec.av_packet_unref(p);
        }
    }

    /// <summary>The <see cref="TrackInfo"/> describing this encoder's output.</summary>
    public TrackInfo CreateTrackInfo() => new()
    {
        Kind = TrackKind.Video,
        Codec = CodecId.H264,
        CodecConfig = CodecConfig,
        Width = Options.Width,
        Height = Options.Height,
        FrameRate = (double)Options.FrameRateNumerator / Options.FrameRateDenominator,
        CodecString = AvcDecoderConfigurationRecord.CodecString(CodecConfig),
        AnnouncedBitrate = (int)Math.Min(int.MaxValue, Options.BitRate),
    };

    public void Dispose()
    {
        _packet.Dispose();
        _context.Dispose();
    }

    private static FfmpegResult Configure(AVCodecContext* ctx, H264EncoderOptions options)
    {
        ctx->Width = options.Width;
        ctx->Height = options.Height;
        ctx->PixFmt = NativeConstants.AvPixFmtYuv420P;
        ctx->TimeBase = new AVRational(1, MediaTime.Timescale);
        ctx->Framerate = new AVRational(options.FrameRateNumerator, options.FrameRateDenominator);
        ctx->BitRate = options.BitRate;
        ctx->RcMaxRate = options.MaxRate;
        ctx->RcBufferSize = options.BufferSize;
        ctx->GopSize = options.GopSize;
        ctx->MaxBFrames = options.MaxBFrames;
        ctx->ThreadCount = options.ThreadCount;
        ctx->Flags |= NativeConstants.AvCodecFlagGlobalHeader | NativeConstants.AvCodecFlagClosedGop;

        var priv = ctx->PrivData;
        var result = SetOption(priv, "preset", options.Preset);
        if (result.IsOk) result = SetOption(priv, "profile", options.Profile);
        if (result.IsOk && options.Tune is not null) result = SetOption(priv, "tune", options.Tune);
        // Frames sent with pict_type I become IDR frames (otherwise x264 may code a non-IDR I frame).
        if (result.IsOk) result = SetOption(priv, "forced-idr", "1");
        // No scene-cut keyframes: segment boundaries are decided by the caller only.
        if (result.IsOk) result = SetOption(priv, "sc_threshold", "0");
        return result;
    }

    private static FfmpegResult SetOption(void* priv, string name, string value) =>
        FfmpegResult.FromCode(LibAvUtil.av_opt_set(priv, name, value, 0));

    private static FfmpegResult Open(AVCodecContext* ctx, AVCodec* codec, IReadOnlyDictionary<string, string> extra)
    {
        AVDictionary* dictionary = null;
        try
        {
            foreach (var (key, value) in extra)
            {
                var set = FfmpegResult.FromCode(LibAvUtil.av_dict_set(&dictionary, key, value, 0));
                if (!set.IsOk) return set;
            }
            var result = FfmpegResult.FromCode(LibAvCodec.avcodec_open2(ctx, codec, extra.Count == 0 ? null : &dictionary));
            // avcodec_open2 leaves only the entries no option matched in the dictionary.
            if (result.IsOk && dictionary != null)
                return new FfmpegResult(FfmpegStatus.Error, NativeConstants.AvErrorOptionNotFound);
            return result;
        }
        finally
        {
            LibAvUtil.av_dict_free(&dictionary);
        }
    }
}
