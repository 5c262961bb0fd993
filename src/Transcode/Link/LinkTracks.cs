using System.Diagnostics.CodeAnalysis;
using Streaming.Shared.Codecs;
using Streaming.Shared.Media;

namespace Streaming.Transcode.Link;

/// <summary>
/// Checks tracks arriving over the frame link against their decoder configuration: video must be H.264 with
/// a parseable AVCDecoderConfigurationRecord, audio AAC with a parseable AudioSpecificConfig. Accepted tracks
/// carry the codec string, picture size, sample rate and channels the origin derived from that configuration;
/// only the frame rate and announced bitrate (plain numbers) are taken as sent.
/// </summary>
public static class LinkTracks
{
    public static bool TryAccept(StreamTracks received, [NotNullWhen(true)] out StreamTracks? accepted)
    {
        accepted = null;
        TrackInfo? video = null, audio = null;
        if (received.Video is { } v)
        {
            if (v.Codec != CodecId.H264 || !AvcDecoderConfiguration.TryParse(v.CodecConfig, out var avc)) return false;
            video = v with { Width = avc.Width, Height = avc.Height, CodecString = avc.CodecString, SampleRate = 0, Channels = 0 };
        }
        if (received.Audio is { } a)
        {
            if (a.Codec != CodecId.Aac || !AudioSpecificConfig.TryParse(a.CodecConfig, out var asc)) return false;
            audio = a with { SampleRate = asc.SampleRate, Channels = asc.Channels, CodecString = asc.CodecString, Width = 0, Height = 0, FrameRate = 0 };
        }
        accepted = new StreamTracks(video, audio);
        return true;
    }
}
