namespace Streaming.Transcode.Hls;

/// <summary>
/// One EXT-X-STREAM-INF. Bandwidths in bits per second; <paramref name="Width"/>/<paramref name="Height"/>
/// 0 and <paramref name="FrameRate"/> 0 leave RESOLUTION/FRAME-RATE out (audio-only).
/// </summary>
public sealed record VariantStream(
    string Uri,
    long Bandwidth,
    long AverageBandwidth,
    string Codecs,
    int Width,
    int Height,
    double FrameRate);
