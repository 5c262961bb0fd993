using Streaming.Shared.Media;

namespace Streaming.Ingest.Rtmp.Flv;

/// <summary>A parsed FLV audio tag body: what it is and where its data lies inside the payload.</summary>
public readonly record struct FlvAudioTag(FlvTagKind Kind, CodecId Codec, int DataOffset, int DataLength, string CodecName)
{
    public static FlvAudioTag Invalid => new(FlvTagKind.Invalid, CodecId.Unknown, 0, 0, "");
}
