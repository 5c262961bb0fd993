using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Streaming.Shared.Link;
using Streaming.Transcode.Origin;

namespace Streaming.Transcode.Link;

/// <summary>
/// One ingest → origin frame-link connection: Hello first (within a timeout), then tracks, frames and a
/// session end, handed to the stream's <see cref="OriginSession"/>. A broken or silent connection ends the
/// session the same way a clean end does; protocol errors close it with a log line and a counter.
/// </summary>
public sealed partial class LinkConnection(
    Socket socket, OriginOptions options, OriginHub hub, LinkServerMetrics metrics, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        metrics.Connections.Add(1);
        var remote = socket.RemoteEndPoint?.ToString() ?? "?";
        OriginSession? session = null;
        await using var network = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(network, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            idle.CancelAfter(TimeSpan.FromSeconds(options.LinkHelloTimeoutSeconds));
            while (true)
            {
                var read = await reader.ReadAsync(idle.Token);
                var buffer = read.Buffer;
                metrics.BytesReceived.Add(buffer.Length);
                var ended = false;
                while (!ended)
                {
                    var status = LinkCodec.TryRead(ref buffer, out var message);
                    if (status == LinkReadStatus.NeedMore) break;
                    if (status == LinkReadStatus.Invalid)
                    {
                        Fail("invalid_message", remote);
                        return;
                    }
                    if (session is null && message.Type != LinkMessageType.Hello)
                    {
                        if (message.Type == LinkMessageType.Frame) message.Frame.Release();
                        Fail("no_hello", remote);
                        return;
                    }
                    switch (message.Type)
                    {
                        case LinkMessageType.Hello:
                            if (session is not null)
                            {
                                Fail("second_hello", remote);
                                return;
                            }
                            session = hub.BeginSession(message.Hello!, stoppingToken);
                            LogSession(logger, message.Hello!.StreamName, message.Hello.SessionId, remote);
                            break;
                        case LinkMessageType.Tracks:
                            session!.SetTracks(message.Tracks!);
                            break;
                        case LinkMessageType.Frame:
                            metrics.FramesReceived.Add(1);
                            session!.Publish(message.Frame);
                            break;
                        case LinkMessageType.SessionEnd:
                            ended = true;
                            break;
                    }
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (ended || read.IsCompleted || session?.IsSuperseded == true) return;
                idle.CancelAfter(TimeSpan.FromSeconds(options.LinkIdleTimeoutSeconds));
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            Fail(session is null ? "hello_timeout" : "idle_timeout", remote);
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
        finally
        {
            session?.End();
            await reader.CompleteAsync();
            metrics.Connections.Add(-1);
        }
    }

    private void Fail(string reason, string remote)
    {
        metrics.Errors.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogFailed(logger, remote, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: link session {Session} from {Remote}")]
    private static partial void LogSession(ILogger logger, string stream, Guid session, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Frame link from {Remote} closed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string remote, string reason);
}
