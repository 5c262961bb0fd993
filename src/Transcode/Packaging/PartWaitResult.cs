namespace Streaming.Transcode.Packaging;

/// <summary>Outcome of waiting for a (preload-hinted) part.</summary>
public enum PartWaitResult : byte
{
    /// <summary>The part exists now: look it up.</summary>
    Available = 0,
    /// <summary>The part will never exist (its segment ended earlier, or it left the window).</summary>
    NotProduced = 1,
    Cancelled = 2,
    Closed = 3,
}
