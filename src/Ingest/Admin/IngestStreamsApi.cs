using Microsoft.Extensions.Options;
using Streaming.Ingest.Publishing;
using Streaming.Shared.Security;

namespace Streaming.Ingest.Admin;

/// <summary>
/// <c>GET /api/streams</c> on the ingest API: the live publishers, with their addresses (internal information).
/// While the API listens on loopback (<c>Streaming:Ingest:ApiListenAddress</c>, the default) it is open; beyond
/// loopback it needs <c>Authorization: Bearer {Streaming:Ingest:Admin:Token}</c> or the cluster secret header
/// (401 otherwise).
/// </summary>
public static class IngestStreamsApi
{
    public static IEndpointRouteBuilder MapIngestStreamsApi(this IEndpointRouteBuilder app)
    {
        var ingest = app.ServiceProvider.GetRequiredService<IOptions<IngestOptions>>().Value;
        var admin = app.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value;
        var cluster = app.ServiceProvider.GetRequiredService<IOptions<ClusterSecretOptions>>().Value;
        var open = InternalListeners.IsLoopback(ingest.ApiListenAddress);
        app.MapGet("/api/streams", (HttpContext http, StreamRegistry registry) =>
        {
            if (open || BearerTokenCheck.IsAuthorized(http.Request.Headers.Authorization, admin.Token)
                || cluster.Accepts(http.Request.Headers[ClusterSecretOptions.HeaderName].FirstOrDefault()))
                return Results.Json(registry.Snapshot());
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Unauthorized();
        });
        return app;
    }
}
