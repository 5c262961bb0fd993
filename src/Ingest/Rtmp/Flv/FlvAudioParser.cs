using Streaming.Shared.Media;

namespace Streaming.Ingest.Rtmp.Flv;

/// <summary>
/// Parses the body of an RTMP audio message (FLV AUDIODATA). Legacy AAC: sound format 10 + a packet
/// type byte (0 = AudioSpecificConfig, 1 = raw frame). Enhanced RTMP audio (sound format 9): packet
/// type + FourCC; only <c>mp4a</c> is accepted. Every other format is an unsupported codec. Pure.
/// </summary>
public static class FlvAudioParser
{
    private const int FormatAac = 10;
    private const int FormatExHeader = 9;

    public static FlvAudioTag Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 1) return FlvAudioTag.Invalid;
        var format = payload[0] >> 4;
        if (format == FormatExHeader) return ParseEnhanced(payload);
        if (format != FormatAac)
        {
            var codec = format is 2 or 14 ? CodecId.Mp3 : CodecId.Unknown;
            return new FlvAudioTag(FlvTagKind.UnsupportedCodec, codec, 0, 0, LegacyName(format));
        }
        if (payload.Length < 2) return FlvAudioTag.Invalid;
        return payload[1] switch
        {
            0 => new FlvAudioTag(FlvTagKind.SequenceHeader, CodecId.Aac, 2, payload.Length - 2, "mp4a"),
            1 => new FlvAudioTag(FlvTagKind.Frame, CodecId.Aac, 2, payload.Length - 2, "mp4a"),
            _ => FlvAudioTag.Invalid,
        };
    }

    private static FlvAudioTag ParseEnhanced(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 5) return FlvAudioTag.Invalid;
        var packetType = payload[0] & 0x0F;
        var fourCc = FourCc.ToString(payload.Slice(1, 4));
        if (fourCc != "mp4a") return new FlvAudioTag(FlvTagKind.UnsupportedCodec, FourCc.ToCodec(fourCc), 0, 0, fourCc);
        return packetType switch
        {
            0 => new FlvAudioTag(FlvTagKind.SequenceHeader, CodecId.Aac, 5, payload.Length - 5, fourCc),
            1 => new FlvAudioTag(FlvTagKind.Frame, CodecId.Aac, 5, payload.Length - 5, fourCc),
            2 => new FlvAudioTag(FlvTagKind.EndOfSequence, CodecId.Aac, 5, payload.Length - 5, fourCc),
            _ => new FlvAudioTag(FlvTagKind.UnsupportedCodec, CodecId.Aac, 0, 0, $"mp4a/packet-type-{packetType}"),
        };
    }

    private static string LegacyName(int format) => format switch
    {
        0 or 3 => "lpcm",
        1 => "adpcm",
        2 or 14 => "mp3",
        4 or 5 or 6 => "nellymoser",
        7 => "g711a",
        8 => "g711u",
        11 => "speex",
        _ => $"flv-audio-format-{format}",
    };
}
