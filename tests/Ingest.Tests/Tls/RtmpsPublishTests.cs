using Streaming.Ingest.Limits;
using Streaming.Ingest.Tests.Auth;
using Streaming.Ingest.Tests.Rtmp.Server;
using Streaming.Ingest.Tls;

namespace Streaming.Ingest.Tests.Tls;

[Collection(LiveRtmpCollection.Name)]
public class RtmpsPublishTests
{
    private static async Task<RtmpsOptions> SelfSignedAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var cert = Path.Combine(directory, "cert.pem");
        var key = Path.Combine(directory, "key.pem");
        var exit = await ExternalTool.RunAsync("openssl",
            $"req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout {key} -out {cert}", TimeSpan.FromSeconds(30));
        Assert.Equal(0, exit);
        return new RtmpsOptions { RtmpsPort = 0, CertificatePath = cert, KeyPath = key };
    }

    [Fact]
    public async Task Ffmpeg_publishes_over_rtmps_with_a_pem_certificate()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rtmps-" + Guid.NewGuid().ToString("N"));
        try
        {
            var tls = await SelfSignedAsync(directory);
            await using var server = await PolicyTestServer.StartAsync(tls: tls);
            var collector = new StreamCollector(server.Registry, "secure");
            Assert.NotEqual(0, server.TlsPort);

            var exit = await FfmpegPublish.RunAsync($"rtmps://127.0.0.1:{server.TlsPort}/live/secure", 2, "-tls_verify 0");

            Assert.Equal(0, exit);
            await collector.WaitForSessionsToFinishAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(1, collector.Sessions);
            Assert.True(collector.Frames.Count > 20);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Plain_rtmp_bytes_on_the_rtmps_port_are_refused_as_tls_handshake_failure()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rtmps-" + Guid.NewGuid().ToString("N"));
        try
        {
            var tls = await SelfSignedAsync(directory);
            await using var server = await PolicyTestServer.StartAsync(tls: tls);

            await using var client = await RtmpTestClient.ConnectAsync(server.TlsPort, handshake: false);
            await client.SendAsync(3, 20, 0, new byte[1600]);

            Assert.True(await client.WaitClosedAsync(TimeSpan.FromSeconds(5)));
            Assert.True(await Eventually.TrueAsync(() => server.Rejects[LimitRejectReason.TlsHandshake] == 1, TimeSpan.FromSeconds(2)));
            Assert.Equal(0, server.SessionsStarted);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
