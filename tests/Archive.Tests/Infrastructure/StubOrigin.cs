using System.Net;
using System.Text;

namespace Streaming.Archive.Tests.Infrastructure;

/// <summary>
/// A failing origin on a free loopback port: <c>/api/streams</c> lists one live stream with a "source"
/// rendition (or answers 503 when <see cref="StreamsUnavailable"/>); every other request is answered 503
/// at once. Requests are counted.
/// </summary>
public sealed class StubOrigin : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private long _playlistRequests, _streamsRequests;

    private StubOrigin(string stream)
    {
        Url = $"http://127.0.0.1:{FreePorts.Take(1)[0]}";
        Stream = stream;
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }
    public string Stream { get; }
    public volatile bool StreamsUnavailable;
    public long PlaylistRequests => Interlocked.Read(ref _playlistRequests);
    public long StreamsRequests => Interlocked.Read(ref _streamsRequests);

    public static StubOrigin Start(string stream) => new(stream);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            var path = context.Request.Url!.AbsolutePath;
            var response = context.Response;
            try
            {
                if (path == "/api/streams")
                {
                    Interlocked.Increment(ref _streamsRequests);
                    if (!StreamsUnavailable)
                    {
                        response.ContentType = "application/json";
                        var body = Encoding.UTF8.GetBytes(
                            $$"""[{"name":"{{Stream}}","live":true,"sessionId":"s1","startedAt":"2026-12-04T17:00:00Z","renditions":[{"name":"source","bandwidth":1000000,"lastMsn":3,"tracks":[{"kind":"video","codec":"avc1.64001f"}]}]}]""");
                        response.OutputStream.Write(body);
                        response.Close();
                        continue;
                    }
                }
                else if (path.StartsWith("/live/", StringComparison.Ordinal)) Interlocked.Increment(ref _playlistRequests);
                response.StatusCode = 503;
                response.Close();
            }
            catch (HttpListenerException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
