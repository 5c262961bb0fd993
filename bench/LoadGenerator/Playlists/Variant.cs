namespace Streaming.Bench.LoadGenerator.Playlists;

/// <summary>An EXT-X-STREAM-INF entry of a multivariant playlist.</summary>
public sealed record Variant(string Uri, long Bandwidth, string? Resolution)
{
    /// <summary>Rendition name as the origin spells it: the first path component of the URI (<c>source/index.m3u8</c>).</summary>
    public string Name => Uri.Contains('/') ? Uri[..Uri.IndexOf('/')] : Uri;
}
