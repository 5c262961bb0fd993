namespace Streaming.Transcode.FFmpeg.Native;

/// <summary>Opaque FFmpeg type; only ever handled by pointer.</summary>
internal struct SwsContext
{
}
