namespace Streaming.Shared.Media;

/// <summary>Codecs the system recognises. Only <see cref="H264"/> and <see cref="Aac"/> are served today.</summary>
public enum CodecId : byte
{
    Unknown = 0,
    H264 = 1,
    Aac = 2,
    H265 = 3,
    Av1 = 4,
    Vp9 = 5,
    Mp3 = 6,
    Opus = 7,
}
