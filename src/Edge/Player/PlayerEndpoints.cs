using System.Reflection;

namespace Streaming.Edge.Player;

/// <summary>
/// The viewer pages: <c>/</c> (live streams with links), <c>/watch/{stream}</c> (hls.js in low-latency mode with
/// live latency, rendition and quality selector) and <c>/hls.min.js</c>, which the build copies from npm into
/// <c>wwwroot/</c> next to the assembly. Pages are embedded resources.
/// </summary>
public static class PlayerEndpoints
{
    public static void MapPlayer(this IEndpointRouteBuilder app)
    {
        var index = ReadResource("index.html");
        var watch = ReadResource("watch.html");
        var hlsPath = Path.Combine(AppContext.BaseDirectory, "wwwroot", "hls.min.js");
        var hls = new Lazy<byte[]?>(() => File.Exists(hlsPath) ? File.ReadAllBytes(hlsPath) : null);
        app.MapGet("/", () => Results.Text(index, "text/html; charset=utf-8"));
        app.MapGet("/watch/{stream}", (string stream) => Results.Text(watch, "text/html; charset=utf-8"));
        app.MapGet("/hls.min.js", (HttpContext context) =>
        {
            if (hls.Value is not { } bytes) return Results.NotFound("hls.min.js was not built (npm ci in src/Edge failed?)");
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(bytes, "text/javascript");
        });
    }

    private static string ReadResource(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
