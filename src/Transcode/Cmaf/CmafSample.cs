namespace Streaming.Transcode.Cmaf;

/// <summary>One sample of a CMAF fragment; times are in the track's timescale.</summary>
public readonly struct CmafSample
{
    public CmafSample(uint duration, int compositionOffset, bool isSync, ReadOnlyMemory<byte> data)
    {
        Duration = duration;
        CompositionOffset = compositionOffset;
        IsSync = isSync;
        Data = data;
    }

    public uint Duration { get; }
    /// <summary>Presentation time minus decode time (signed, written with a version 1 trun).</summary>
    public int CompositionOffset { get; }
    public bool IsSync { get; }
    /// <summary>Video: AVCC length-prefixed NAL units; audio: one raw AAC access unit.</summary>
    public ReadOnlyMemory<byte> Data { get; }
}
