namespace Streaming.Archive.Spool;

/// <summary>
/// One pending upload: the spool file <see cref="Path"/> holds a header (key, content type, kind, MD5, time
/// listed) and the body. <see cref="Seq"/> orders entries (playlists wait for older entries in their
/// directory). Mutable scheduling state is guarded by the spool's lock.
/// </summary>
public sealed class SpoolEntry
{
    public required long Seq { get; init; }
    public required string Key { get; init; }
    public required string ContentType { get; init; }
    public required SpoolItemKind Kind { get; init; }
    public required byte[] Md5 { get; init; }
    public required long Length { get; init; }
    /// <summary>When the origin listed the segment (Unix ms); the archive lag is measured from here.</summary>
    public required long ListedUnixMillis { get; init; }
    public required string Path { get; init; }

    public int Attempts { get; internal set; }
    public long NotBeforeTicks { get; internal set; }
    public bool InFlight { get; internal set; }

    /// <summary>Directory part of the key including the trailing '/'.</summary>
    public string Directory => Key[..(Key.LastIndexOf('/') + 1)];
}
