using Streaming.Shared.Codecs;
using Streaming.Shared.Media;

namespace Streaming.Ingest.Rtmp.Flv;

/// <summary>Builds <see cref="TrackInfo"/> from decoder configurations plus onMetaData hints.</summary>
public static class TrackFactory
{
    public static bool TryCreateVideo(ReadOnlySpan<byte> avcDecoderConfigurationRecord, FlvMetadata hints, out TrackInfo track) =>
        TryCreateVideo(avcDecoderConfigurationRecord, hints, out track, out _);

    /// <summary>Also returns the parsed configuration (its SPS decides whether the source size is acceptable).</summary>
    public static bool TryCreateVideo(ReadOnlySpan<byte> avcDecoderConfigurationRecord, FlvMetadata hints, out TrackInfo track,
        out AvcDecoderConfiguration config)
    {
        track = null!;
        if (!AvcDecoderConfiguration.TryParse(avcDecoderConfigurationRecord, out config)) return false;
        track = new TrackInfo
        {
            Kind = TrackKind.Video,
            Codec = CodecId.H264,
            CodecConfig = avcDecoderConfigurationRecord.ToArray(),
            Width = config.Width,
            Height = config.Height,
            FrameRate = hints.FrameRate > 0 ? hints.FrameRate : config.FrameRate,
            CodecString = config.CodecString,
            AnnouncedBitrate = ToBitsPerSecond(hints.VideoDataRateKbps),
        };
        return true;
    }

    public static bool TryCreateAudio(ReadOnlySpan<byte> audioSpecificConfig, FlvMetadata hints, out TrackInfo track)
    {
        track = null!;
        if (!AudioSpecificConfig.TryParse(audioSpecificConfig, out var config)) return false;
        track = new TrackInfo
        {
            Kind = TrackKind.Audio,
            Codec = CodecId.Aac,
            CodecConfig = audioSpecificConfig.ToArray(),
            SampleRate = config.SampleRate,
            Channels = config.Channels,
            CodecString = config.CodecString,
            AnnouncedBitrate = ToBitsPerSecond(hints.AudioDataRateKbps),
        };
        return true;
    }

    private static int ToBitsPerSecond(double kbps) => (int)Math.Min(kbps * 1000, int.MaxValue);
}
