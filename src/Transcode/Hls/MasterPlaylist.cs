namespace Streaming.Transcode.Hls;

/// <summary>A multivariant playlist: independent segments, one variant per rendition.</summary>
public sealed record MasterPlaylist(IReadOnlyList<VariantStream> Variants);
