using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Streaming.Shared.Metrics;

namespace Streaming.Shared.Hosting;

/// <summary>What every service process shares: one-line logs, an injected clock, validated options,
/// <c>/healthz</c> and <c>/metrics</c>.</summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddStreamingDefaults(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
            o.ColorBehavior = LoggerColorBehavior.Disabled;
            o.IncludeScopes = true;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // One line per outgoing request (edge -> origin, archive -> store) is per-packet noise at Information.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PrometheusExporter>();
        builder.Services.AddSingleton<ProcessMetrics>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and validates it when the host starts.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }

    /// <summary>
    /// Reads options needed before the host is built (listen ports). A value that does not bind yields the
    /// defaults here; the same error then stops the host at start, naming the key (see <see cref="RunService"/>).
    /// </summary>
    public static TOptions GetStartupOptions<TOptions>(this WebApplicationBuilder builder, string section)
        where TOptions : class, new()
    {
        try
        {
            return builder.Configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        }
        catch (InvalidOperationException)
        {
            return new TOptions();
        }
    }

    /// <summary>
    /// Binds the HTTP listener to the configured address and port. Invalid values bind nothing here: the
    /// options validator stops the host at start with a message naming the key.
    /// </summary>
    public static void ListenOn(this WebApplicationBuilder builder, string address, int port,
        Action<KestrelServerOptions>? configure = null)
    {
        if (!IPAddress.TryParse(address, out var ip) || port is < 1 or > 65535) return;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(ip, port);
            configure?.Invoke(k);
        });
    }

    public static WebApplication MapStreamingDefaults(this WebApplication app)
    {
        // Listen from the start: measurements made before the first scrape count too.
        app.Services.GetRequiredService<PrometheusExporter>();
        app.Services.GetRequiredService<ProcessMetrics>();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Scrape(), PrometheusText.ContentType));
        return app;
    }

    /// <summary>Runs the app; a configuration error ends the process with exit code 2 and a message naming the key.</summary>
    public static int RunService(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            Console.Error.WriteLine($"Invalid configuration: {string.Join("; ", ex.Failures)}");
            return 2;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"Invalid configuration: {ex.Message}");
            return 2;
        }
    }
}
