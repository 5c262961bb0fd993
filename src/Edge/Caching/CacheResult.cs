namespace Streaming.Edge.Caching;

/// <summary>How a viewer request was answered; the <c>cache</c> label of the request metric.</summary>
public enum CacheResult
{
    /// <summary>From the cache without waiting.</summary>
    Hit,

    /// <summary>This request caused the upstream fetch.</summary>
    Miss,

    /// <summary>Joined another request's upstream fetch.</summary>
    Coalesced,

    /// <summary>Answered by the edge without the cache (bad request, limits).</summary>
    Local,
}
