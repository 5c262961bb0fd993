using Streaming.Ingest;
using Streaming.Ingest.Admin;
using Streaming.Ingest.Link;
using Streaming.Shared.Cluster;
using Streaming.Shared.Hosting;
using Streaming.Shared.Security;

SocketEngine.UseInlineCompletions();
var builder = WebApplication.CreateBuilder(args);
builder.AddStreamingDefaults();
builder.Services.AddRtmpIngest(builder.Configuration);
builder.Services.AddValidatedOptions<OriginLinkOptions, OriginLinkOptionsValidator>(OriginLinkOptions.Section);
builder.Services.AddValidatedOptions<ClusterOptions, ClusterOptionsValidator>(ClusterOptions.Section);
builder.Services.AddOptions<ClusterSecretOptions>().BindConfiguration(ClusterSecretOptions.Section);
builder.Services.AddSingleton<LinkMetrics>();
builder.Services.AddHostedService<OriginLinkService>();

var startupOptions = builder.GetStartupOptions<IngestOptions>(IngestOptions.SectionName);
builder.ListenOn(startupOptions.ApiListenAddress, startupOptions.ApiPort);

var app = builder.Build();
app.MapStreamingDefaults();
app.MapIngestStreamsApi();
app.MapIngestAdmin();
return app.RunService();
