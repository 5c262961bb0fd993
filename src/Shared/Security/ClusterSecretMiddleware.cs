using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Streaming.Shared.Security;

/// <summary>
/// Internal HTTP APIs (origin, archive): when <c>Streaming:Cluster:Secret</c> is set, answers 403 to every request
/// without a matching <c>X-Streaming-Secret</c> header (constant-time compare), except <c>/healthz</c> and
/// <c>/metrics</c>. A listener beyond loopback cannot run without the secret (<see cref="InternalListenerValidator{TOptions}"/>).
/// </summary>
public sealed class ClusterSecretMiddleware(RequestDelegate next, IOptions<ClusterSecretOptions> options)
{
    private readonly ClusterSecretOptions _options = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        if (!_options.Enabled || context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/metrics")
            || _options.Accepts(context.Request.Headers[ClusterSecretOptions.HeaderName].FirstOrDefault()))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
