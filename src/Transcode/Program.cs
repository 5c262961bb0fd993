using Streaming.Shared.Hosting;
using Streaming.Shared.Security;
using Streaming.Transcode.Link;
using Streaming.Transcode.Origin;
using Streaming.Transcode.Packaging;
using Streaming.Transcode.Transcoding;

SocketEngine.UseInlineCompletions();
var builder = WebApplication.CreateBuilder(args);
builder.AddStreamingDefaults();
builder.Services.AddValidatedOptions<OriginOptions, OriginOptionsValidator>(OriginOptions.Section);
builder.Services.AddInternalListener<OriginOptions>(OriginOptions.Section + ":ListenAddress", o => o.ListenAddress);
builder.Services.AddValidatedOptions<HlsOptions, HlsOptionsValidator>(HlsOptions.Section);
builder.Services.AddSingleton<OriginStreamRegistry>();
builder.Services.AddSingleton<OriginHub>();
builder.Services.AddSingleton<OriginMetrics>();
builder.Services.AddSingleton<LinkServerMetrics>();
builder.Services.AddHostedService<LongGopMonitor>();
builder.Services.AddOptions<ClusterSecretOptions>().BindConfiguration(ClusterSecretOptions.Section);
// The transcoder subscribes to new streams before the link server accepts any.
builder.Services.AddValidatedOptions<TranscodeOptions, TranscodeOptionsValidator>(TranscodeOptions.Section);
builder.Services.AddSingleton<TranscodeMetrics>();
builder.Services.AddHostedService<TranscoderService>();
builder.Services.AddHostedService<LinkServer>();

var origin = builder.GetStartupOptions<OriginOptions>(OriginOptions.Section);
builder.ListenOn(origin.ListenAddress, origin.HttpPort);

var app = builder.Build();
app.MapStreamingDefaults();
app.UseMiddleware<ClusterSecretMiddleware>();
app.MapStreamsApi();
app.MapHls();
app.Services.GetRequiredService<OriginStreamRegistry>().Start();
return app.RunService();
