namespace Streaming.Transcode.Hls;

/// <summary>EXT-X-RENDITION-REPORT for a sibling rendition; <paramref name="LastPart"/> is -1 when it has no part.</summary>
public sealed record RenditionReport(string Uri, long LastMsn, int LastPart);
