using System.Diagnostics.CodeAnalysis;
using Streaming.Shared.Media;
using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.FFmpeg;

/// <summary>
/// libavcodec's h264 decoder fed with AVCC (length-prefixed) access units, configured from an
/// AVCDecoderConfigurationRecord. Times are 90 kHz ticks and survive reordering: each decoded frame
/// carries the pts of the access unit it came from. Usage per access unit: <see cref="Decode"/>, then
/// <see cref="ReceiveFrame"/> until it returns <see cref="FfmpegStatus.Again"/>. Not thread-safe.
/// </summary>
public sealed unsafe class H264Decoder : IDisposable
{
    private readonly CodecContextHandle _context;
    private readonly PacketHandle _packet;

    private H264Decoder(CodecContextHandle context, PacketHandle packet)
    {
        _context = context;
        _packet = packet;
    }

    /// <summary>
    /// Opens a decoder for the given avcC record. <paramref name="threadCount"/> 1 decodes on the
    /// calling thread with no added delay; 0 lets FFmpeg choose (frame threads add latency).
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<byte> avcDecoderConfigurationRecord, int threadCount,
        [NotNullWhen(true)] out H264Decoder? decoder, out FfmpegResult result)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threadCount);
        decoder = null;
        if (avcDecoderConfigurationRecord.Length < 7 || avcDecoderConfigurationRecord[0] != 1)
        {
            result = new FfmpegResult(FfmpegStatus.InvalidData, NativeConstants.AvErrorInvalidData);
            return false;
        }
        var codec = LibAvCodec.avcodec_find_decoder(NativeConstants.AvCodecIdH264);
        if (codec == null)
        {
            result = new FfmpegResult(FfmpegStatus.Error, NativeConstants.AvErrorDecoderNotFound);
            return false;
        }

        var context = CodecContextHandle.Allocate(codec);
        var ctx = context.Context;
        // extradata belongs to the context from here on: avcodec_free_context releases it with av_free.
        var size = avcDecoderConfigurationRecord.Length;
        var extradata = (byte*)LibAvUtil.av_malloc((nuint)(size + NativeConstants.AvInputBufferPaddingSize));
        if (extradata == null)
        {
            context.Dispose();
            throw new OutOfMemoryException("av_malloc failed for extradata.");
        }
        avcDecoderConfigurationRecord.CopyTo(new Span<byte>(extradata, size));
        new Span<byte>(extradata + size, NativeConstants.AvInputBufferPaddingSize).Clear();
        ctx->Extradata = extradata;
        ctx->ExtradataSize = size;
        ctx->ThreadCount = threadCount;
        ctx->PktTimebase = new AVRational(1, MediaTime.Timescale);

        result = FfmpegResult.FromCode(LibAvCodec.avcodec_open2(ctx, codec, null));
        if (!result.IsOk)
        {
            context.Dispose();
            return false;
        }
        decoder = new H264Decoder(context, PacketHandle.Allocate());
        return true;
    }

    /// <summary>
    /// Sends one AVCC access unit. The bytes are copied by libavcodec before this returns, so the
    /// caller's (pooled) buffer can be released right after. <see cref="FfmpegStatus.InvalidData"/>
    /// means the unit was rejected; the decoder stays usable and recovers at the next keyframe.
    /// <see cref="FfmpegStatus.Again"/> means frames must be received first.
    /// </summary>
    public FfmpegResult Decode(ReadOnlySpan<byte> avccPayload, long pts, long dts)
    {
        if (avccPayload.IsEmpty) return new FfmpegResult(FfmpegStatus.InvalidData, NativeConstants.AvErrorInvalidData);
        var packet = _packet.Packet;
        fixed (byte* data = avccPayload)
        {
            // A packet without buf is not reference counted: avcodec_send_packet copies the data
            // (adding the input padding) instead of keeping a pointer to the managed memory.
            packet->Data = data;
            packet->Size = avccPayload.Length;
            packet->Pts = pts;
            packet->Dts = dts;
            packet->Flags = 0;
            var code = LibAvCodec.avcodec_send_packet(_context.Context, packet);
            LibAvCodec.av_packet_unref(packet);
            return FfmpegResult.FromCode(code);
        }
    }

    /// <summary>
    /// Moves the next decoded picture into <paramref name="destination"/> (its previous picture is
    /// released). <see cref="FfmpegStatus.Again"/>: send more input; <see cref="FfmpegStatus.EndOfStream"/>:
    /// fully drained after <see cref="Drain"/>.
    /// </summary>
    public FfmpegResult ReceiveFrame(FrameHandle destination) =>
        FfmpegResult.FromCode(LibAvCodec.avcodec_receive_frame(_context.Context, destination.Frame));

    /// <summary>Signals end of stream so the delayed (reordered) frames come out of <see cref="ReceiveFrame"/>.</summary>
    public FfmpegResult Drain() => FfmpegResult.FromCode(LibAvCodec.avcodec_send_packet(_context.Context, null));

    /// <summary>Drops all buffered frames and state (e.g. after a discontinuity or after draining); decoding restarts at a keyframe.</summary>
    public void Flush() => LibAvCodec.avcodec_flush_buffers(_context.Context);

    public void Dispose()
    {
        _packet.Dispose();
        _context.Dispose();
    }
}
