using Streaming.Shared.Media;

namespace Streaming.Ingest.Rtmp.Flv;

/// <summary>Enhanced RTMP FourCC helpers.</summary>
public static class FourCc
{
    public static string ToString(ReadOnlySpan<byte> fourCc)
    {
        Span<char> chars = stackalloc char[4];
        for (var i = 0; i < 4; i++) chars[i] = fourCc[i] is >= 0x20 and < 0x7F ? (char)fourCc[i] : '?';
        return new string(chars);
    }

    public static CodecId ToCodec(string fourCc) => fourCc switch
    {
        "avc1" => CodecId.H264,
        "hvc1" => CodecId.H265,
        "av01" => CodecId.Av1,
        "vp09" => CodecId.Vp9,
        "mp4a" => CodecId.Aac,
        "Opus" => CodecId.Opus,
        ".mp3" => CodecId.Mp3,
        _ => CodecId.Unknown,
    };
}
