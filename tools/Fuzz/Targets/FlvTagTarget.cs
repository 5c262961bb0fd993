using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Flv;
using Streaming.Shared.Media;

namespace Streaming.Tools.Fuzz.Targets;

/// <summary>
/// The input as FLV tags (an optional FLV file header, then per tag: type, 24-bit size, 24+8-bit timestamp,
/// stream id, body, previous tag size), the tag bodies handed to the ingest's FLV path: script data through
/// <see cref="AmfReader"/> into <see cref="FlvMetadata"/>, audio/video through <see cref="FlvFrameMapper"/>
/// (FLV tag parsers, avcC with its SPS, AudioSpecificConfig, AVCC NAL units). See <see cref="MediaMessageCheck"/>
/// for the invariants.
/// </summary>
public static class FlvTagTarget
{
    private const int TagHeaderSize = 11;

    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length >= 13 && input.StartsWith("FLV"u8)) input = input[13..];
        var media = new MediaMessageCheck();
        var values = new List<AmfValue>();
        while (input.Length >= TagHeaderSize)
        {
            var type = (byte)(input[0] & 0x1F);
            var size = input[1] << 16 | input[2] << 8 | input[3];
            var timestamp = (uint)(input[7] << 24 | input[4] << 16 | input[5] << 8 | input[6]);
            var body = input.Slice(TagHeaderSize, Math.Min(size, input.Length - TagHeaderSize));
            input = input[(TagHeaderSize + body.Length)..];
            if (input.Length >= 4) input = input[4..];
            if (type is RtmpMessageType.Audio or RtmpMessageType.Video)
            {
                media.Map(new RtmpMessage(6, type, timestamp, 1, SharedBuffer.CopyOf(body)));
            }
            else if (type == RtmpMessageType.DataAmf0)
            {
                values.Clear();
                Invariant.Defined(AmfReader.ReadAll(body, values));
                var metadata = values.FirstOrDefault(v => v.Type is AmfType.Object or AmfType.EcmaArray);
                if (metadata is not null) media.Metadata = FlvMetadata.FromAmf(metadata);
            }
        }
    }
}
