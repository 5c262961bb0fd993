namespace Streaming.Ingest.Rtmp.Flv;

public enum FlvMapResult : byte
{
    /// <summary>A frame was produced; it took over the message's payload reference.</summary>
    Frame = 0,
    /// <summary>A new or changed sequence header: publish <see cref="FlvFrameMapper.Tracks"/> before further frames.</summary>
    TracksChanged = 1,
    /// <summary>Nothing to publish (repeated sequence header, end of sequence, empty or early frame, command frame).</summary>
    Ignored = 2,
    /// <summary>The publisher sends a codec we do not serve.</summary>
    UnsupportedCodec = 3,
    /// <summary>The tag body or its decoder configuration cannot be parsed.</summary>
    Invalid = 4,
    /// <summary>The video source is larger than its H.264 level or the configured maximum (<see cref="FlvFrameMapper.SourceProblem"/>).</summary>
    SourceTooLarge = 5,
}
