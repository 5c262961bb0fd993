namespace Streaming.Transcode.FFmpeg;

/// <summary>
/// Whether the loaded FFmpeg libraries are the major versions the bindings (struct offsets) were
/// written for. Versions are FFmpeg's packed <c>major &lt;&lt; 16 | minor &lt;&lt; 8 | micro</c>; 0 when not loaded.
/// </summary>
public sealed record FfmpegVersionCheck(bool IsSupported, string Message, uint AvCodecVersion, uint AvUtilVersion,
    uint SwScaleVersion);
