namespace Streaming.Transcode.Hls;

/// <summary>A parsed object name of a rendition (see <see cref="HlsNames"/>).</summary>
/// <param name="InitIndex">For <see cref="HlsObjectKind.Init"/>: 0 for <c>init.mp4</c>, n for <c>init-n.mp4</c>.</param>
public readonly record struct HlsObjectName(HlsObjectKind Kind, long Msn, int PartIndex, int InitIndex);
