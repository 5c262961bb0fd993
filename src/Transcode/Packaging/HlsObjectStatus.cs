namespace Streaming.Transcode.Packaging;

/// <summary>Outcome of looking an object up in a rendition's window.</summary>
public enum HlsObjectStatus : byte
{
    /// <summary>The lease holds the bytes; dispose it after writing the response.</summary>
    Found = 0,
    /// <summary>Not there yet but announced: the preload-hinted part or the segment in progress. Wait, then look again.</summary>
    Pending = 1,
    /// <summary>Slid out of the live window (410 Gone).</summary>
    Gone = 2,
    /// <summary>Never existed or not announced (404).</summary>
    NotFound = 3,
}
