using Streaming.Shared.Media;

namespace Streaming.Shared.Codecs;

/// <summary>
/// RFC 6381 codec strings built from a track's decoder configuration, never from a string someone sent:
/// <c>avc1.PPCCLL</c> from the AVCDecoderConfigurationRecord header (profile, compatibility, level as hex),
/// <c>mp4a.40.N</c> from the parsed AudioSpecificConfig (N the audio object type). The result only ever
/// holds <c>[a-z0-9.,]</c>, so it is safe inside a quoted playlist attribute.
/// </summary>
public static class CodecStrings
{
    /// <summary>The codec string of <paramref name="codec"/> with <paramref name="config"/>; empty when unsupported or unparseable.</summary>
    public static string FromConfig(CodecId codec, ReadOnlySpan<byte> config)
    {
        if (codec == CodecId.H264 && config.Length >= 4 && config[0] == 1) return Avc1(config[1], config[2], config[3]);
        if (codec == CodecId.Aac && AudioSpecificConfig.TryParse(config, out var asc)) return asc.CodecString;
        return "";
    }

    /// <summary><c>avc1.PPCCLL</c>: profile_idc, the constraint flags byte and level_idc in lowercase hex.</summary>
    public static string Avc1(byte profile, byte compatibility, byte level) => $"avc1.{profile:x2}{compatibility:x2}{level:x2}";

    /// <summary>The value of a variant's <c>CODECS</c> attribute: video then audio, comma-separated; empty when neither is known.</summary>
    public static string ForTracks(StreamTracks tracks)
    {
        var video = tracks.Video is { } v ? FromConfig(v.Codec, v.CodecConfig) : "";
        var audio = tracks.Audio is { } a ? FromConfig(a.Codec, a.CodecConfig) : "";
        return video.Length > 0 && audio.Length > 0 ? video + "," + audio : video + audio;
    }
}
