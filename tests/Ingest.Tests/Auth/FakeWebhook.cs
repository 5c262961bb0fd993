using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Streaming.Ingest.Tests.Auth;

/// <summary>An HTTP endpoint on a free loopback port that records webhook calls and answers as configured.</summary>
internal sealed class FakeWebhook : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<JsonElement, (int Status, string? Json, TimeSpan Delay)> _answer;
    private readonly CancellationTokenSource _stop = new();

    public FakeWebhook(Func<JsonElement, (int Status, string? Json, TimeSpan Delay)> answer)
    {
        _answer = answer;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public string Url { get; }
    public ConcurrentQueue<JsonElement> Calls { get; } = new();

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
            Calls.Enqueue(body);
            var (status, json, delay) = _answer(body);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, _stop.Token);
            context.Response.StatusCode = status;
            if (json is not null)
            {
                context.Response.ContentType = "application/json";
                var bytes = Encoding.UTF8.GetBytes(json);
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            context.Response.Close();
        }
        catch (Exception)
        {
            try { context.Response.Abort(); } catch (Exception) { }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }
}
