using System.Net;
using Microsoft.Extensions.Options;
using Streaming.Edge.Caching;
using Streaming.Edge.Configuration;
using Streaming.Shared.Media;

namespace Streaming.Edge.Upstreams;

/// <summary>
/// HTTP GET to one upstream, the body read into a pooled <see cref="SharedBuffer"/> (sized from Content-Length
/// when given, capped by <see cref="EdgeOptions.MaxObjectBytes"/> before allocating).
/// </summary>
public sealed class UpstreamClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly EdgeOptions _options;
    private readonly TimeProvider _time;

    public UpstreamClient(IOptions<EdgeOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromMilliseconds(_options.UpstreamConnectTimeoutMilliseconds),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = 1024,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public HttpClient Http => _http;

    public async Task<(UpstreamOutcome Outcome, CachedResponse? Response)> GetAsync(Upstream upstream, string pathAndQuery,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, upstream.Resolve(pathAndQuery));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var length = response.Content.Headers.ContentLength;
            if (length > _options.MaxObjectBytes) return (UpstreamOutcome.TooLarge, null);
            var body = SharedBuffer.Rent((int)(length ?? 0));
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
                if (!await ReadAllAsync(stream, body, length, cts.Token).ConfigureAwait(false))
                {
                    body.Release();
                    return (UpstreamOutcome.TooLarge, null);
                }
            }
            catch
            {
                body.Release();
                throw;
            }
            var age = response.Headers.Age is { } a ? (int)Math.Min(a.TotalSeconds, int.MaxValue) : 0;
            var cached = new CachedResponse(status, response.Content.Headers.ContentType?.ToString(),
                response.Headers.CacheControl?.ToString(), body, _time.NowMilliseconds(), age, upstream.Name);
            var outcome = status switch
            {
                >= 200 and < 300 => UpstreamOutcome.Ok,
                404 or 410 => UpstreamOutcome.NotFound,
                >= 400 and < 500 => UpstreamOutcome.ClientError,
                _ => UpstreamOutcome.ServerError,
            };
            return (outcome, cached);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (UpstreamOutcome.Timeout, null);
        }
        catch (HttpRequestException)
        {
            return (UpstreamOutcome.Unreachable, null);
        }
        catch (IOException)
        {
            return (UpstreamOutcome.Unreachable, null);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<bool> ReadAllAsync(Stream stream, SharedBuffer body, long? length, CancellationToken ct)
    {
        var filled = 0;
        while (true)
        {
            if (filled == body.Capacity)
            {
                body.SetLength(filled);
                if (length is not null && filled == length) return true;
                if (filled >= _options.MaxObjectBytes) return false;
                body.EnsureCapacity(Math.Min(_options.MaxObjectBytes, Math.Max(16 * 1024, filled * 2)));
            }
            var read = await stream.ReadAsync(body.WritableMemory[filled..], ct).ConfigureAwait(false);
            if (read == 0) break;
            filled += read;
        }
        body.SetLength(filled);
        return true;
    }
}
