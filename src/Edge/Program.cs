using Streaming.Edge.Api;
using Streaming.Edge.Caching;
using Streaming.Edge.Configuration;
using Streaming.Edge.Diagnostics;
using Streaming.Edge.Player;
using Streaming.Edge.Relay;
using Streaming.Edge.Tokens;
using Streaming.Edge.Upstreams;
using Streaming.Edge.Viewers;
using Streaming.Edge.Vod;
using Microsoft.Extensions.Options;
using Streaming.Shared.Cluster;
using Streaming.Shared.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddStreamingDefaults();
builder.Services.AddValidatedOptions<EdgeOptions, EdgeOptionsValidator>(EdgeOptions.Section);
builder.Services.AddValidatedOptions<ClusterOptions, ClusterOptionsValidator>(ClusterOptions.Section);
builder.Services.AddSingleton(sp => new ObjectCache(sp.GetRequiredService<IOptions<EdgeOptions>>().Value.CacheBytes));
builder.Services.AddSingleton(sp => new StreamRoutes(sp.GetRequiredService<IOptions<EdgeOptions>>().Value.MaxStreams));
builder.Services.AddSingleton(sp => new StreamInstanceTracker(sp.GetRequiredService<ObjectCache>(),
    sp.GetRequiredService<IOptions<EdgeOptions>>().Value.MaxStreams));
builder.Services.AddSingleton<RequestCoalescer>();
builder.Services.AddSingleton<UpstreamSet>();
builder.Services.AddSingleton<UpstreamClient>();
builder.Services.AddSingleton<StreamDirectory>();
builder.Services.AddSingleton<UpstreamRouter>();
builder.Services.AddSingleton<EdgeRelay>();
builder.Services.AddSingleton<ViewerTracker>();
builder.Services.AddSingleton<EdgeMetrics>();
builder.Services.AddHostedService<UpstreamMonitor>();
builder.Services.AddEdgeSecurity();
builder.Services.AddVodRelay();

var edge = builder.GetStartupOptions<EdgeOptions>(EdgeOptions.Section);
builder.ListenOn(edge.ListenAddress, edge.HttpPort, k =>
{
    k.Limits.MaxConcurrentConnections = null;
    k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(edge.RequestHeadersTimeoutSeconds);
    k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(edge.KeepAliveTimeoutSeconds);
});

var app = builder.Build();
app.Services.GetRequiredService<EdgeMetrics>();
app.MapStreamingDefaults();
app.UsePerIpLimit();
app.UseEdgeSecurity();
app.MapEdgeStreamsApi();
app.MapEdgeRelay();
app.MapPlayer();
app.MapVodRelay();
return app.RunService();
