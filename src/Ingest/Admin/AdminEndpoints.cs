using Microsoft.Extensions.Options;
using Streaming.Ingest.Auth;
using Streaming.Ingest.Limits;
using Streaming.Ingest.Publishing;
using Streaming.Shared.Streams;

namespace Streaming.Ingest.Admin;

/// <summary>
/// The admin API under <c>/admin</c> on the ingest API port: live streams with statistics, kicking a
/// publisher, stream key management, and its OpenAPI document (<c>/admin/openapi.json</c>, unauthenticated).
/// Every other route needs <c>Authorization: Bearer {Streaming:Ingest:Admin:Token}</c> (401 otherwise);
/// with no token configured the whole API answers 404.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapIngestAdmin(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value;
        var admin = app.MapGroup("/admin");
        admin.AddEndpointFilter(async (context, next) =>
        {
            if (!options.Enabled) return Results.NotFound();
            var http = context.HttpContext;
            if (http.Request.Path.Equals("/admin/openapi.json")) return await next(context);
            if (BearerTokenCheck.IsAuthorized(http.Request.Headers.Authorization, options.Token)) return await next(context);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Unauthorized();
        });
        admin.MapGet("/openapi.json", () => Results.Text(AdminOpenApi.Document, "application/json"));
        admin.MapGet("/streams", (StreamRegistry registry) => Results.Json(registry.Snapshot()));
        admin.MapDelete("/streams/{name}", Kick);
        admin.MapGet("/keys", (StreamKeyStore keys) => Results.Json(keys.List()));
        admin.MapPost("/keys", (CreateKeyRequest body, StreamKeyStore keys) =>
        {
            var name = body.Name ?? "";
            if (!StreamNames.IsValid(name)) return Results.BadRequest(new { error = "name must be 1-128 of [A-Za-z0-9._-]" });
            return keys.TryCreate(name, out var secret)
                ? Results.Json(new CreatedKey(name, secret), statusCode: StatusCodes.Status201Created)
                : Results.Conflict(new { error = $"{name} already has a key; delete it first" });
        });
        admin.MapDelete("/keys/{name}", (string name, StreamKeyStore keys) => keys.Delete(name) ? Results.NoContent() : Results.NotFound());
        return app;
    }

    private static IResult Kick(string name, string? app, StreamRegistry registry, IngestMetrics metrics)
    {
        var sessions = registry.Sessions.Where(s => s.Name == name && (app is null || s.App == app)).ToList();
        if (sessions.Count == 0) return Results.NotFound();
        foreach (var session in sessions)
        {
            metrics.Rejected(LimitRejectReason.AdminKick);
            session.Kick();
            registry.EndPublish(session, PublishEndReason.Kicked);
        }
        return Results.NoContent();
    }
}
