using Streaming.Ingest.Tests.Rtmp.Server;

namespace Streaming.Ingest.Tests.Auth;

/// <summary>Short, small ffmpeg publishes for the auth, TLS and limit tests.</summary>
internal static class FfmpegPublish
{
    public static string Args(string url, double seconds, string extra = "") =>
        $"-hide_banner -loglevel error -re -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 " +
        $"-c:v libx264 -preset ultrafast -tune zerolatency -g 25 -c:a aac -t {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} {extra} -f flv \"{url}\"";

    public static Task<int> RunAsync(string url, double seconds = 2, string extra = "") =>
        ExternalTool.RunAsync("ffmpeg", Args(url, seconds, extra), TimeSpan.FromSeconds(30));
}
