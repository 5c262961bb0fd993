namespace Streaming.Shared.Hls;

/// <summary>What a request path names inside a rendition folder.</summary>
public enum HlsObjectKind : byte
{
    /// <summary><c>index.m3u8</c>, the rendition's media playlist.</summary>
    MediaPlaylist = 0,
    /// <summary><c>{instance}-init.mp4</c> or <c>{instance}-init-{n}.mp4</c>.</summary>
    Init = 1,
    /// <summary><c>{instance}-seg{msn}.m4s</c>.</summary>
    Segment = 2,
    /// <summary><c>{instance}-part{msn}.{index}.m4s</c>.</summary>
    Part = 3,
}
