using System.Buffers;
using System.Net;
using Streaming.Bench.LoadGenerator.Reporting;

namespace Streaming.Bench.LoadGenerator.Viewers;

/// <summary>GETs through the one shared HttpClient, with a per-request limit; media bodies are counted and discarded.</summary>
public sealed class HttpFetcher(HttpClient client, LoadStats stats, RunClock clock)
{
    public static HttpClient CreateClient(int viewers) => new(new SocketsHttpHandler
    {
        // Every viewer can have a held playlist reload, a held preload-hint part and a part fetch in flight (HTTP/1.1).
        MaxConnectionsPerServer = Math.Max(16, viewers * 4 + 16),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestVersion = HttpVersion.Version11,
    };

    public async Task<FetchResult> GetAsync(string url, string kind, bool text, TimeSpan limit, CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(limit);
        var status = 0;
        long bytes = 0;
        string? body = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            if (text)
            {
                body = await response.Content.ReadAsStringAsync(timeout.Token);
                bytes = body.Length;
            }
            else
            {
                await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
                var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
                try
                {
                    int read;
                    while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0) bytes += read;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return new FetchResult(-1, bytes, null, clock.Timestamp());
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            status = 0;
        }
        var done = clock.Timestamp();
        stats.Request(kind, status, bytes, done);
        return new FetchResult(status, bytes, body, done);
    }
}
