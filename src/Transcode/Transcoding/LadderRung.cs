namespace Streaming.Transcode.Transcoding;

/// <summary>
/// One rendition of a stream's ladder, resolved against the source: output size, x264 rate control
/// (bits per second) and the base preset. Rungs are ordered highest resolution first.
/// </summary>
public sealed record LadderRung(string Name, int Width, int Height, long VideoBitrate, long MaxBitrate, int BufferSize,
    string Preset, string Profile);
