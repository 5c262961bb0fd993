namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>Result of one HTTP GET: status (0 when the connection failed), body and how long it took.</summary>
public sealed record HttpFetch(int Status, string Body, TimeSpan Elapsed, string Url)
{
    public override string ToString() => $"GET {Url} -> {Status} in {Elapsed.TotalMilliseconds:F0} ms";
}
