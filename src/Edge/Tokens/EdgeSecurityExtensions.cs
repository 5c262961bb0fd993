using Microsoft.Extensions.Options;
using Streaming.Edge.Upstreams;
using Streaming.Shared.Security;

namespace Streaming.Edge.Tokens;

/// <summary>Wiring of playback tokens and the origin-facing cluster secret.</summary>
public static class EdgeSecurityExtensions
{
    public static IServiceCollection AddEdgeSecurity(this IServiceCollection services)
    {
        services.AddOptions<EdgeTokenOptions>().BindConfiguration(EdgeTokenOptions.Section);
        services.AddOptions<ClusterSecretOptions>().BindConfiguration(ClusterSecretOptions.Section);
        return services;
    }

    /// <summary>Token checks on every viewer path (<c>/live/</c>, <c>/vod/</c>, <c>/api/recordings</c>); upstream requests carry <c>X-Streaming-Secret</c> when a cluster secret is set.</summary>
    public static WebApplication UseEdgeSecurity(this WebApplication app)
    {
        var cluster = app.Services.GetRequiredService<IOptions<ClusterSecretOptions>>().Value;
        if (cluster.Enabled)
            app.Services.GetRequiredService<UpstreamClient>().Http.DefaultRequestHeaders.Add(ClusterSecretOptions.HeaderName, cluster.Secret);
        app.UseMiddleware<PlaybackTokenMiddleware>();
        return app;
    }
}
