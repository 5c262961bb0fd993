namespace Streaming.Ingest.Rtmp.Flv;

public enum FlvTagKind : byte
{
    /// <summary>Decoder configuration (AVCDecoderConfigurationRecord / AudioSpecificConfig) at the data range.</summary>
    SequenceHeader = 0,
    /// <summary>A coded frame at the data range.</summary>
    Frame = 1,
    /// <summary>AVC end of sequence.</summary>
    EndOfSequence = 2,
    /// <summary>Valid but carries nothing we use (command frame, codec metadata, ...).</summary>
    Ignored = 3,
    /// <summary>A codec we do not serve (HEVC, AV1, VP9, MP3, Speex, ...); see the tag's codec name.</summary>
    UnsupportedCodec = 4,
    /// <summary>Too short or inconsistent.</summary>
    Invalid = 5,
}
