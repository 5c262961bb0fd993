using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Admin;
using Streaming.Ingest.Auth;
using Streaming.Ingest.Limits;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Rtmp.Server;
using Streaming.Ingest.Tls;
using Streaming.Shared.Security;

namespace Streaming.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Registers options (section <c>Streaming:Ingest</c>, validated on start), metrics, the
    /// <see cref="StreamRegistry"/>, publish auth (<c>:Auth</c>), limits (<c>:Limits</c>), RTMPS (<c>:Tls</c>),
    /// the admin token (<c>:Admin</c>) and the RTMP listener as a hosted service. Open publishing beyond loopback and an
    /// API beyond loopback without the cluster secret fail at start.
    /// </summary>
    public static IServiceCollection AddRtmpIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<StreamRegistry>();
        services.AddInternalListener<IngestOptions>(IngestOptions.SectionName + ":ApiListenAddress", o => o.ApiListenAddress);
        AddValidated<PublishAuthOptions, PublishAuthOptionsValidator>(services, configuration, PublishAuthOptions.SectionName);
        services.AddSingleton<IValidateOptions<PublishAuthOptions>, OpenPublishValidator>();
        AddValidated<IngestLimitsOptions, IngestLimitsOptionsValidator>(services, configuration, IngestLimitsOptions.SectionName);
        AddValidated<RtmpsOptions, RtmpsOptionsValidator>(services, configuration, RtmpsOptions.SectionName);
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName));
        services.AddSingleton<StreamKeyStore>();
        services.AddSingleton<PublishWebhook>();
        services.AddSingleton<PublishAuthorizer>();
        services.AddSingleton<RtmpServerPolicy>();
        services.AddSingleton<RtmpListenerService>();
        services.AddHostedService(sp => sp.GetRequiredService<RtmpListenerService>());
        return services;
    }

    private static void AddValidated<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
