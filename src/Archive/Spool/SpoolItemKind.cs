namespace Streaming.Archive.Spool;

public enum SpoolItemKind
{
    /// <summary>Init or media segment: uploaded as soon as a worker is free.</summary>
    Media,
    /// <summary>Playlist: uploaded only after every older entry under its directory, and superseded by newer versions.</summary>
    Playlist,
}
