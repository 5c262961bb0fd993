using Microsoft.Extensions.Primitives;
using Streaming.Edge.Caching;

namespace Streaming.Edge.Relay;

/// <summary>
/// Writes a <see cref="CachedResponse"/> to a viewer: status, passed-through Content-Type and Cache-Control,
/// CORS, <c>Age</c>, <c>X-Cache</c>, then the shared body bytes (no copy). A write that does not finish within
/// the write timeout aborts the connection so a stalled viewer cannot pin the buffer.
/// </summary>
public static class ResponseWriter
{
    public static void SetCors(HttpResponse response)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlExposeHeaders = "Content-Length, Age, Date, X-Cache";
    }

    public static void SetHeaders(HttpResponse response, CachedResponse cached, CacheResult result, long nowMs)
    {
        response.StatusCode = cached.StatusCode;
        SetCors(response);
        if (cached.ContentType is not null) response.ContentType = cached.ContentType;
        response.Headers.CacheControl = cached.CacheControl ?? "no-cache";
        response.Headers.Age = new StringValues(cached.AgeSeconds(nowMs).ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers["X-Cache"] = result switch
        {
            CacheResult.Hit => "HIT",
            CacheResult.Coalesced => "COALESCED",
            CacheResult.Miss => "MISS",
            _ => "LOCAL",
        };
        response.ContentLength = cached.Length;
    }

    /// <summary>Writes the body: Sent, TimedOut (the viewer was too slow; the connection is aborted) or Aborted.</summary>
    public static async Task<WriteOutcome> WriteBodyAsync(HttpContext context, CachedResponse cached, TimeSpan writeTimeout)
    {
        if (cached.Length == 0) return WriteOutcome.Sent;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        cts.CancelAfter(writeTimeout);
        try
        {
            await context.Response.Body.WriteAsync(cached.Body.Memory, cts.Token).ConfigureAwait(false);
            return WriteOutcome.Sent;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            var timedOut = !context.RequestAborted.IsCancellationRequested;
            context.Abort();
            return timedOut ? WriteOutcome.TimedOut : WriteOutcome.Aborted;
        }
    }
}
