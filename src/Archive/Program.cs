using Microsoft.Extensions.Options;
using Streaming.Archive.Api;
using Streaming.Archive.Metrics;
using Streaming.Archive.Options;
using Streaming.Archive.Recording;
using Streaming.Archive.Spool;
using Streaming.Archive.Storage;
using Streaming.Archive.Upload;
using Streaming.Shared.Cluster;
using Streaming.Shared.Hosting;
using Streaming.Shared.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddStreamingDefaults();
builder.Services.AddValidatedOptions<ArchiveOptions, ArchiveOptionsValidator>(ArchiveOptions.Section);
builder.Services.AddInternalListener<ArchiveOptions>(ArchiveOptions.Section + ":ListenAddress", o => o.ListenAddress);
builder.Services.AddValidatedOptions<ClusterOptions, ClusterOptionsValidator>(ClusterOptions.Section);
builder.Services.AddSingleton(sp =>
{
    var o = sp.GetRequiredService<IOptions<ArchiveOptions>>().Value;
    return new ObjectSpool(o.SpoolDirectory, o.SpoolMaxBytes, o.SpoolWarnFraction, o.SpoolShedFraction, sp.GetRequiredService<TimeProvider>());
});
builder.Services.AddSingleton<IObjectStore>(sp =>
{
    var o = sp.GetRequiredService<IOptions<ArchiveOptions>>().Value;
    return o.IsS3 ? new S3ObjectStore(o.S3) : new FileObjectStore(o.FileRoot);
});
builder.Services.AddSingleton<ArchiveMetrics>();
builder.Services.AddSingleton<OriginClient>();
builder.Services.AddSingleton<ArchiveService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ArchiveService>());
builder.Services.AddHostedService<UploadService>();

var archive = builder.GetStartupOptions<ArchiveOptions>(ArchiveOptions.Section);
builder.ListenOn(archive.ListenAddress, archive.HttpPort);

var app = builder.Build();
app.MapStreamingDefaults();
app.UseMiddleware<ClusterSecretMiddleware>();
app.MapRecordingsApi();
app.MapVod();
return app.RunService();
