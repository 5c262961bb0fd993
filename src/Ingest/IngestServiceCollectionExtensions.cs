using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Rtmp.Server;

namespace Streaming.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Registers options (section <c>Streaming:Ingest</c>, validated on start), metrics, the
    /// <see cref="StreamRegistry"/> and the RTMP listener as a hosted service.
    /// </summary>
    public static IServiceCollection AddRtmpIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<StreamRegistry>();
        services.AddSingleton<RtmpListenerService>();
        services.AddHostedService(sp => sp.GetRequiredService<RtmpListenerService>());
        return services;
    }
}
