using Streaming.Shared.Security;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Streaming.Archive.Options;

namespace Streaming.Archive.Recording;

/// <summary>HTTP to the origins: the streams API, playlists (with blocking reload) and media objects.</summary>
public sealed class OriginClient : IDisposable
{
    private readonly HttpClient _http;

    public OriginClient(IOptions<ArchiveOptions> options, IConfiguration configuration)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 256,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        { Timeout = TimeSpan.FromSeconds(options.Value.OriginRequestTimeoutSeconds) };
        // Origins that require the cluster secret (Streaming:Cluster:Secret) get it like edges send it.
        var cluster = configuration.GetSection(ClusterSecretOptions.Section).Get<ClusterSecretOptions>() ?? new ClusterSecretOptions();
        if (cluster.Enabled) _http.DefaultRequestHeaders.Add(ClusterSecretOptions.HeaderName, cluster.Secret);
    }

    public async Task<IReadOnlyList<OriginStreamView>?> ListStreamsAsync(string originBase, CancellationToken cancellationToken)
    {
        var fetch = await GetAsync(originBase.TrimEnd('/') + "/api/streams", cancellationToken);
        if (!fetch.IsOk) return null;
        try { return JsonSerializer.Deserialize<OriginStreamView[]>(fetch.Body, JsonSerializerOptions.Web); }
        catch (JsonException) { return null; }
    }

    public async Task<OriginFetch> GetAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new OriginFetch((int)response.StatusCode, body, "");
        }
        catch (Exception e) when (e is HttpRequestException or IOException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new OriginFetch(0, [], e.Message);
        }
    }

    public void Dispose() => _http.Dispose();
}
