using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Streaming.Edge.Diagnostics;
using Streaming.Edge.Relay;
using Streaming.Shared.Security;

namespace Streaming.Edge.Tokens;

/// <summary>
/// Checks <c>?token=</c> on every <c>/live/{stream}/...</c> request when <see cref="EdgeTokenOptions.Secret"/> is set:
/// missing, malformed, tampered, other-stream or expired tokens get 403 (metric <c>reason=token_*</c>). Playlists
/// served with a valid token are rewritten so every URI inside carries it. Requests carrying the cluster secret
/// (a child edge of the shield tier) pass without a token.
/// </summary>
public sealed class PlaybackTokenMiddleware
{
    private readonly RequestDelegate _next;
    private readonly EdgeTokenOptions _options;
    private readonly byte[]? _clusterSecretHash;
    private readonly EdgeMetrics _metrics;
    private readonly TimeProvider _time;

    public PlaybackTokenMiddleware(RequestDelegate next, IOptions<EdgeTokenOptions> options, IOptions<ClusterSecretOptions> cluster,
        EdgeMetrics metrics, TimeProvider time)
    {
        _next = next;
        _options = options.Value;
        _clusterSecretHash = cluster.Value.Enabled ? SHA256.HashData(Encoding.UTF8.GetBytes(cluster.Value.Secret)) : null;
        _metrics = metrics;
        _time = time;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!_options.Enabled || !path.StartsWith("/live/", StringComparison.Ordinal) || HttpMethods.IsOptions(context.Request.Method)
            || IsClusterPeer(context))
        {
            await _next(context);
            return;
        }
        var slash = path.IndexOf('/', 6);
        var stream = slash < 0 ? path[6..] : path[6..slash];
        var token = context.Request.Query["token"].FirstOrDefault();
        var check = PlaybackToken.Verify(_options.Secret, stream, token, _time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            _metrics.Rejected("token_" + check.ToString().ToLowerInvariant());
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

    private bool IsClusterPeer(HttpContext context)
    {
        if (_clusterSecretHash is null) return false;
        var header = context.Request.Headers[ClusterSecretOptions.HeaderName].FirstOrDefault();
        return header is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header)), _clusterSecretHash);
    }
}
