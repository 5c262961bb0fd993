using System.Text;
using Microsoft.Extensions.Options;
using Streaming.Edge.Diagnostics;
using Streaming.Edge.Relay;
using Streaming.Shared.Security;

namespace Streaming.Edge.Tokens;

/// <summary>
/// When <see cref="EdgeTokenOptions.Secret"/> is set, every viewer path needs <c>?token=</c> for its stream: live
/// (<c>/live/{stream}/...</c>), recorded (<c>/vod/{stream}/...</c>) and the recordings list
/// (<c>/api/recordings?stream={stream}</c>; without <c>stream</c> it is refused, as the full list names every stream).
/// Missing, malformed, tampered, other-stream or expired tokens get 403 (metric <c>reason=token_*</c>). Playlists
/// served with a valid token are rewritten so every URI inside carries it. Requests carrying the cluster secret
/// (a child edge of the shield tier) pass without a token.
/// </summary>
public sealed class PlaybackTokenMiddleware
{
    private readonly RequestDelegate _next;
    private readonly EdgeTokenOptions _options;
    private readonly ClusterSecretOptions _cluster;
    private readonly EdgeMetrics _metrics;
    private readonly TimeProvider _time;

    public PlaybackTokenMiddleware(RequestDelegate next, IOptions<EdgeTokenOptions> options, IOptions<ClusterSecretOptions> cluster,
        EdgeMetrics metrics, TimeProvider time)
    {
        _next = next;
        _options = options.Value;
        _cluster = cluster.Value;
        _metrics = metrics;
        _time = time;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!_options.Enabled || HttpMethods.IsOptions(context.Request.Method) || !TryGetStream(context.Request, path, out var stream)
            || IsClusterPeer(context))
        {
            await _next(context);
            return;
        }
        var token = context.Request.Query["token"].FirstOrDefault();
        var reason = stream is null ? "token_no_stream" : null;
        if (stream is not null)
        {
            var check = PlaybackToken.Verify(_options.Secret, stream, token, _time.GetUtcNow());
            if (check != SignatureCheck.Valid) reason = "token_" + check.ToString().ToLowerInvariant();
        }
        if (reason is not null)
        {
            _metrics.Rejected(reason);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.Headers.CacheControl = "no-store";
            ResponseWriter.SetCors(context.Response);
            return;
        }
        if (!path.EndsWith(".m3u8", StringComparison.Ordinal) || HttpMethods.IsHead(context.Request.Method))
        {
            await _next(context);
            return;
        }
        await ServeRewrittenPlaylistAsync(context, token!);
    }

    /// <summary>
    /// False for paths that need no token. True for viewer paths, with the stream the token must be for
    /// (null: a recordings list without exactly one <c>?stream=</c>, which no token covers).
    /// </summary>
    private static bool TryGetStream(HttpRequest request, string path, out string? stream)
    {
        stream = null;
        // Routing matches paths case-insensitively, so the checks here do as well.
        if (path.TrimEnd('/').Equals("/api/recordings", StringComparison.OrdinalIgnoreCase))
        {
            // Exactly one stream: the archive would read repeated values as one joined name.
            var names = request.Query["stream"];
            stream = names.Count == 1 && names[0] is { Length: > 0 } name ? name : null;
            return true;
        }
        var prefix = path.StartsWith("/live/", StringComparison.OrdinalIgnoreCase) ? 6 : path.StartsWith("/vod/", StringComparison.OrdinalIgnoreCase) ? 5 : 0;
        if (prefix == 0) return false;
        var slash = path.IndexOf('/', prefix);
        stream = slash < 0 ? path[prefix..] : path[prefix..slash];
        return true;
    }

    private async Task ServeRewrittenPlaylistAsync(HttpContext context, string token)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await _next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var body = buffer.ToArray();
        if (context.Response.StatusCode is >= 200 and < 300 && body.Length > 0)
            body = Encoding.UTF8.GetBytes(PlaylistTokenRewriter.Rewrite(Encoding.UTF8.GetString(body), token));
        context.Response.ContentLength = body.Length;
        await original.WriteAsync(body, context.RequestAborted);
    }

    private bool IsClusterPeer(HttpContext context) => _cluster.Accepts(context.Request.Headers[ClusterSecretOptions.HeaderName].FirstOrDefault());
}
