using System.Buffers.Binary;
using Streaming.Shared.Media;

namespace Streaming.Ingest.Rtmp.Flv;

/// <summary>
/// Parses the body of an RTMP video message (FLV VIDEODATA). Legacy tags: frame type (4 bits) +
/// codec id (4 bits), and for AVC a packet type byte and a signed 24-bit composition time. Enhanced
/// RTMP tags (top bit set): frame type (3 bits) + packet type (4 bits) + a FourCC. Pure.
/// </summary>
public static class FlvVideoParser
{
    private const int LegacyAvc = 7;
    private const int LegacyHevc = 12;
    private const int FrameTypeKey = 1;
    private const int FrameTypeCommand = 5;

    public static FlvVideoTag Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 1) return FlvVideoTag.Invalid;
        var first = payload[0];
        return (first & 0x80) != 0 ? ParseEnhanced(payload) : ParseLegacy(payload);
    }

    private static FlvVideoTag ParseLegacy(ReadOnlySpan<byte> payload)
    {
        var frameType = payload[0] >> 4;
        var codecId = payload[0] & 0x0F;
        if (codecId != LegacyAvc)
        {
            var codec = codecId == LegacyHevc ? CodecId.H265 : CodecId.Unknown;
            return new FlvVideoTag(FlvTagKind.UnsupportedCodec, codec, false, 0, 0, 0, LegacyName(codecId));
        }
        if (frameType == FrameTypeCommand) return Make(FlvTagKind.Ignored, false, 0, 1, payload.Length);
        if (payload.Length < 5) return FlvVideoTag.Invalid;
        var cto = ReadInt24(payload[2..]);
        return payload[1] switch
        {
            0 => Make(FlvTagKind.SequenceHeader, false, 0, 5, payload.Length),
            1 => Make(FlvTagKind.Frame, frameType == FrameTypeKey, cto, 5, payload.Length),
            2 => Make(FlvTagKind.EndOfSequence, false, 0, 5, payload.Length),
            _ => FlvVideoTag.Invalid,
        };
    }

    private static FlvVideoTag ParseEnhanced(ReadOnlySpan<byte> payload)
    {
        var frameType = (payload[0] >> 4) & 0x07;
        var packetType = payload[0] & 0x0F;
        if (payload.Length < 5) return FlvVideoTag.Invalid;
        var fourCc = FourCc.ToString(payload.Slice(1, 4));
        if (fourCc != "avc1")
        {
            return new FlvVideoTag(FlvTagKind.UnsupportedCodec, FourCc.ToCodec(fourCc), false, 0, 0, 0, fourCc);
        }
        if (frameType == FrameTypeCommand && packetType != 4) return Make(FlvTagKind.Ignored, false, 0, 5, payload.Length);
        var key = frameType == FrameTypeKey;
        switch (packetType)
        {
            case 0: return Make(FlvTagKind.SequenceHeader, false, 0, 5, payload.Length);
            case 1:
                if (payload.Length < 8) return FlvVideoTag.Invalid;
                return Make(FlvTagKind.Frame, key, ReadInt24(payload[5..]), 8, payload.Length);
            case 2: return Make(FlvTagKind.EndOfSequence, false, 0, 5, payload.Length);
            case 3: return Make(FlvTagKind.Frame, key, 0, 5, payload.Length);
            case 4: return Make(FlvTagKind.Ignored, false, 0, 5, payload.Length);
            default: return new FlvVideoTag(FlvTagKind.UnsupportedCodec, CodecId.H264, false, 0, 0, 0, $"avc1/packet-type-{packetType}");
        }
    }

    private static FlvVideoTag Make(FlvTagKind kind, bool key, int cto, int offset, int total) =>
        new(kind, CodecId.H264, key, cto, offset, total - offset, "avc1");

    /// <summary>Signed 24-bit big-endian integer.</summary>
    public static int ReadInt24(ReadOnlySpan<byte> data)
    {
        var value = data[0] << 16 | data[1] << 8 | data[2];
        return (value << 8) >> 8;
    }

    private static string LegacyName(int codecId) => codecId switch
    {
        2 => "h263",
        3 => "screen-video",
        4 => "vp6",
        5 => "vp6-alpha",
        6 => "screen-video-2",
        LegacyHevc => "hevc",
        _ => $"flv-video-codec-{codecId}",
    };
}
