namespace Streaming.Transcode.Packaging;

/// <summary>Outcome of a blocking playlist reload (RFC 8216bis 6.2.5.2).</summary>
public enum BlockingReloadResult : byte
{
    /// <summary>The playlist now holds what was asked for: render it.</summary>
    Ready = 0,
    /// <summary>More than two segments (or three parts) ahead of the live edge: answer 400.</summary>
    TooFarAhead = 1,
    /// <summary>The caller's token fired (the HTTP layer's timeout or the client left).</summary>
    Cancelled = 2,
    /// <summary>The rendition was removed.</summary>
    Closed = 3,
}
