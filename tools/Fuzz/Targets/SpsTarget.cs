using Streaming.Shared.Codecs;

namespace Streaming.Tools.Fuzz.Targets;

/// <summary>
/// The input as an H.264 SPS NAL unit (header byte first, emulation prevention allowed) through
/// <see cref="H264Sps.TryParse"/>. Invariants of an accepted SPS: a picture of 1..16384 pixels per side,
/// 8..14-bit samples, a known chroma format and a positive sample aspect ratio.
/// </summary>
public static class SpsTarget
{
    public static void Run(ReadOnlySpan<byte> input)
    {
        if (!H264Sps.TryParse(input, out var sps)) return;
        Invariant.Check(sps.Width is > 0 and <= 16384 && sps.Height is > 0 and <= 32768, $"picture {sps.Width}x{sps.Height}");
        Invariant.Check(sps.BitDepthLuma is >= 8 and <= 14 && sps.BitDepthChroma is >= 8 and <= 14, "bit depth");
        Invariant.Check(sps.ChromaFormatIdc <= 3, "chroma format");
        Invariant.Check(sps.SarWidth > 0 && sps.SarHeight > 0, $"sample aspect ratio {sps.SarWidth}:{sps.SarHeight}");
        Invariant.Check(sps.FrameRate >= 0 && !double.IsNaN(sps.FrameRate), "frame rate");
    }
}
