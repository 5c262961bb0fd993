using Streaming.Shared.Media;

namespace Streaming.Ingest.Rtmp.Flv;

/// <summary>A parsed FLV video tag body: what it is and where its data lies inside the payload.</summary>
public readonly record struct FlvVideoTag(
    FlvTagKind Kind,
    CodecId Codec,
    bool IsKeyframe,
    int CompositionTimeMs,
    int DataOffset,
    int DataLength,
    string CodecName)
{
    public static FlvVideoTag Invalid => new(FlvTagKind.Invalid, CodecId.Unknown, false, 0, 0, 0, "");
}
