using Streaming.Shared.Media;

namespace Streaming.Edge.Caching;

/// <summary>
/// One upstream answer as the edge keeps and serves it: status, the headers it passes through and the body
/// in a pooled, reference-counted <see cref="SharedBuffer"/>. Whoever holds a reference writes the same bytes
/// (no per-request copy); the last <see cref="Release"/> returns the array to the pool.
/// </summary>
public sealed class CachedResponse
{
    /// <summary>Bookkeeping bytes charged per entry on top of the buffer.</summary>
    public const int Overhead = 256;

    public CachedResponse(int statusCode, string? contentType, string? cacheControl, SharedBuffer body, long fetchedAtMs,
        int upstreamAgeSeconds, string upstream)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        CacheControl = cacheControl;
        Body = body;
        FetchedAtMs = fetchedAtMs;
        UpstreamAgeSeconds = upstreamAgeSeconds;
        Upstream = upstream;
    }

    public int StatusCode { get; }
    public string? ContentType { get; }
    public string? CacheControl { get; }
    public SharedBuffer Body { get; }
    public long FetchedAtMs { get; }
    public int UpstreamAgeSeconds { get; }
    public string Upstream { get; }
    public int Length => Body.Length;
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>Memory this entry holds while cached.</summary>
    public long HeldBytes => Body.Capacity + Overhead;

    /// <summary>An answer the edge makes itself (e.g. 502 when no upstream answered), with an empty body.</summary>
    public static CachedResponse Local(int statusCode, long nowMs) =>
        new(statusCode, null, "no-cache", SharedBuffer.Rent(0), nowMs, 0, "edge");

    public static CachedResponse Copy(int statusCode, string? contentType, string? cacheControl, ReadOnlySpan<byte> body, long nowMs) =>
        new(statusCode, contentType, cacheControl, SharedBuffer.CopyOf(body), nowMs, 0, "test");

    /// <summary>Adds a reference; only valid while the caller already holds one (or a lock that guarantees one).</summary>
    public CachedResponse AddRef()
    {
        Body.AddRef();
        return this;
    }

    public void Release() => Body.Release();

    /// <summary>The <c>Age</c> to send: the upstream's plus the time held here, in whole seconds.</summary>
    public long AgeSeconds(long nowMs) => UpstreamAgeSeconds + Math.Max(0, nowMs - FetchedAtMs) / 1000;
}
