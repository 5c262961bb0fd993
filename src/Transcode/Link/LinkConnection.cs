using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Cryptography;
using Streaming.Shared.Link;
using Streaming.Shared.Streams;
using Streaming.Transcode.Origin;

namespace Streaming.Transcode.Link;

/// <summary>
/// One ingest → origin frame-link connection. The origin speaks first with a Challenge (fresh nonce); the
/// ingest must answer within the hello timeout with a Hello whose proof (<see cref="LinkProof"/>, keyed by
/// the cluster secret) is valid. Until then messages are capped at <see cref="LinkCodec.MaxHandshakeMessageLength"/>
/// and nothing touches stream state: the proof is checked first, then the name rule and the stream cap, and
/// only then is the session bound (<see cref="OriginHub"/>) and an Accept sent. Every refusal closes the
/// connection and counts <c>streaming_origin_link_rejects{reason}</c>. After that: tracks (validated against
/// their decoder configuration), frames and a session end, handed to the stream's <see cref="OriginSession"/>.
/// A broken or silent connection ends the session the same way a clean end does.
/// </summary>
public sealed partial class LinkConnection(
    Socket socket, OriginOptions options, ReadOnlyMemory<byte> clusterKey, OriginHub hub, LinkServerMetrics metrics, ILogger logger)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        metrics.Connections.Add(1);
        var remote = socket.RemoteEndPoint?.ToString() ?? "?";
        OriginSession? session = null;
        await using var network = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(network, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var writer = PipeWriter.Create(network, new StreamPipeWriterOptions(leaveOpen: true));
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var nonce = RandomNumberGenerator.GetBytes(LinkProof.NonceLength);
        try
        {
            idle.CancelAfter(TimeSpan.FromSeconds(options.LinkHelloTimeoutSeconds));
            LinkCodec.WriteChallenge(writer, nonce);
            await writer.FlushAsync(idle.Token);
            while (true)
            {
                var read = await reader.ReadAsync(idle.Token);
                var buffer = read.Buffer;
                metrics.BytesReceived.Add(buffer.Length);
                var ended = false;
                while (!ended)
                {
                    var limit = session is null ? LinkCodec.MaxHandshakeMessageLength : LinkCodec.MaxMessageLength;
                    var status = LinkCodec.TryRead(ref buffer, out var message, limit);
                    if (status == LinkReadStatus.NeedMore) break;
                    if (session is null)
                    {
                        session = TryOpen(status, message, nonce, remote, out var reason);
                        if (session is null)
                        {
                            Reject(reason, remote);
                            return;
                        }
                        LinkCodec.WriteAccept(writer);
                        await writer.FlushAsync(idle.Token);
                        continue;
                    }
                    if (status != LinkReadStatus.Message)
                    {
                        Fail("invalid_message", remote);
                        return;
                    }
                    switch (message.Type)
                    {
                        case LinkMessageType.Tracks:
                            if (!LinkTracks.TryAccept(message.Tracks!, out var tracks))
                            {
                                Reject("invalid_codec", remote);
                                return;
                            }
                            session.SetTracks(tracks);
                            break;
                        case LinkMessageType.Frame:
                            metrics.FramesReceived.Add(1);
                            session.Publish(message.Frame);
                            break;
                        case LinkMessageType.SessionEnd:
                            ended = true;
                            break;
                        default:
                            Fail(message.Type == LinkMessageType.Hello ? "second_hello" : "invalid_message", remote);
                            return;
                    }
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (ended || read.IsCompleted || session?.IsSuperseded == true) return;
                // The hello timeout runs from accept, whatever trickles in; after the handshake, any message keeps the link alive.
                if (session is not null) idle.CancelAfter(TimeSpan.FromSeconds(options.LinkIdleTimeoutSeconds));
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            if (session is null) Reject("hello_timeout", remote);
            else Fail("idle_timeout", remote);
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
            await CompleteQuietlyAsync(writer);
            metrics.Connections.Add(-1);
        }
    }

    /// <summary>Completes the handshake writer; a peer that is gone already cannot take a pending byte, which is no error.</summary>
    private static async Task CompleteQuietlyAsync(PipeWriter writer)
    {
        try
        {
            await writer.CompleteAsync();
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The handshake: a proven Hello with a valid name for a stream the origin has room for, else the reject reason.</summary>
    private OriginSession? TryOpen(LinkReadStatus status, in LinkMessage message, byte[] nonce, string remote, out string reason)
    {
        if (status == LinkReadStatus.Message && message.Type == LinkMessageType.Frame) message.Frame.Release();
        reason = status switch
        {
            LinkReadStatus.UnsupportedVersion => "bad_version",
            LinkReadStatus.Invalid => "invalid_message",
            _ when message.Type != LinkMessageType.Hello => "no_hello",
            _ when !LinkProof.Verify(clusterKey.Span, nonce, message.Hello!, message.Proof) => "bad_proof",
            _ when !StreamNames.IsValid(message.Hello!.StreamName) => "bad_name",
            _ => "",
        };
        if (reason.Length > 0) return null;
        if (!hub.TryBeginSession(message.Hello!, options.MaxStreams, out var session))
        {
            reason = "too_many_streams";
            return null;
        }
        LogSession(logger, message.Hello!.StreamName, message.Hello.SessionId, remote);
        return session;
    }

    private void Reject(string reason, string remote)
    {
        metrics.Rejects.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogRejected(logger, remote, reason);
    }

    private void Fail(string reason, string remote)
    {
        metrics.Errors.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogFailed(logger, remote, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: link session {Session} from {Remote}")]
    private static partial void LogSession(ILogger logger, string stream, Guid session, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Frame link from {Remote} refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Frame link from {Remote} closed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string remote, string reason);
}
