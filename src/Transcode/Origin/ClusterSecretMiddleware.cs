using System.Security.Cryptography;
using System.Text;
using Streaming.Shared.Security;

namespace Streaming.Transcode.Origin;

/// <summary>
/// When <c>Streaming:Cluster:Secret</c> is set, answers 403 to every request without a matching
/// <c>X-Streaming-Secret</c> header (constant-time compare), except <c>/healthz</c> and <c>/metrics</c>.
/// </summary>
public sealed class ClusterSecretMiddleware
{
    private readonly RequestDelegate _next;
    private readonly byte[]? _secretHash;

    public ClusterSecretMiddleware(RequestDelegate next, IConfiguration configuration)
    {
        _next = next;
        var options = configuration.GetSection(ClusterSecretOptions.Section).Get<ClusterSecretOptions>() ?? new ClusterSecretOptions();
        _secretHash = options.Enabled ? SHA256.HashData(Encoding.UTF8.GetBytes(options.Secret)) : null;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (_secretHash is null || context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/metrics"))
            return _next(context);
        var header = context.Request.Headers[ClusterSecretOptions.HeaderName].FirstOrDefault();
        if (header is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header)), _secretHash))
            return _next(context);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
