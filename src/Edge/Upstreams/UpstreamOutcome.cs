namespace Streaming.Edge.Upstreams;

/// <summary>Result of one upstream request; the <c>result</c> label of the fetch metric.</summary>
public enum UpstreamOutcome
{
    /// <summary>2xx.</summary>
    Ok,

    /// <summary>404 or 410: this upstream does not have it (the stream may be elsewhere).</summary>
    NotFound,

    /// <summary>Another 4xx (e.g. 400 for a blocking reload too far ahead): final, passed to the viewer.</summary>
    ClientError,

    /// <summary>5xx: passed on for blocking reloads (503 = not updated in time), otherwise counts against the upstream.</summary>
    ServerError,

    /// <summary>No answer in time.</summary>
    Timeout,

    /// <summary>Connection refused or reset.</summary>
    Unreachable,

    /// <summary>Body larger than <c>MaxObjectBytes</c>.</summary>
    TooLarge,
}
