namespace Streaming.Shared.Media;

/// <summary>
/// What a reader needs to know about one track before its frames make sense.
/// <see cref="CodecConfig"/> is the codec's decoder configuration exactly as carried in
/// FLV and MP4: the AVCDecoderConfigurationRecord for H.264, the AudioSpecificConfig for AAC.
/// Video frames carry length-prefixed (AVCC) NAL units; AAC frames are raw access units.
/// </summary>
public sealed record TrackInfo
{
    public required TrackKind Kind { get; init; }
    public required CodecId Codec { get; init; }
    public required byte[] CodecConfig { get; init; }

    /// <summary>Video: coded size from the SPS.</summary>
    public int Width { get; init; }
    public int Height { get; init; }
    /// <summary>Video: frames per second as announced by the publisher (onMetaData), 0 when unknown.</summary>
    public double FrameRate { get; init; }

    /// <summary>Audio: sample rate and channel count from the AudioSpecificConfig.</summary>
    public int SampleRate { get; init; }
    public int Channels { get; init; }

    /// <summary>RFC 6381 codec string, for example <c>avc1.64001f</c> or <c>mp4a.40.2</c>.</summary>
    public string CodecString { get; init; } = "";

    /// <summary>Bitrate announced by the publisher in bits per second, 0 when unknown.</summary>
    public int AnnouncedBitrate { get; init; }

    /// <summary>True when both describe the same decoder configuration (a new one needs a new init segment).</summary>
    public bool SameConfigAs(TrackInfo other) =>
        Kind == other.Kind && Codec == other.Codec && CodecConfig.AsSpan().SequenceEqual(other.CodecConfig);
}
