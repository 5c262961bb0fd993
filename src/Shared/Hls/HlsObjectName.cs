namespace Streaming.Shared.Hls;

/// <summary>A parsed object name of a rendition (see <see cref="HlsNames"/>).</summary>
/// <param name="Instance">The stream instance the object belongs to (default for the media playlist).</param>
/// <param name="InitIndex">For <see cref="HlsObjectKind.Init"/>: 0 for the first init segment, n for the n-th replacement.</param>
public readonly record struct HlsObjectName(HlsObjectKind Kind, StreamInstance Instance, long Msn, int PartIndex, int InitIndex);
