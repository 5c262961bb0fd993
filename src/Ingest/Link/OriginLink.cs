using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Streaming.Shared.Cluster;
using Streaming.Shared.Link;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;

namespace Streaming.Ingest.Link;

/// <summary>
/// Carries one publish session's frames to its origin over the frame link. Reads the session's bounded
/// queue (so a slow or unreachable origin makes the queue drop to the next keyframe, never the publisher
/// wait), reconnects with backoff and fails over along the rendezvous order; after every (re)connect it
/// proves itself (<see cref="LinkHandshake"/>, keyed by the cluster secret), then sends the current tracks
/// and resumes at a keyframe. An origin that refuses the handshake is retried with backoff like an
/// unreachable one.
/// </summary>
public sealed partial class OriginLink
{
    private readonly LiveStream _stream;
    private readonly LinkHello _hello;
    private readonly IReadOnlyList<OriginMember> _origins;
    private readonly ReadOnlyMemory<byte> _clusterKey;
    private readonly OriginLinkOptions _options;
    private readonly ILogger _logger;
    private readonly LinkMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly FrameQueue _queue;
    private readonly GopCache _gop = new();
    private StreamTracks? _tracks;
    private OriginMember? _lastOrigin;

    public OriginLink(LiveStream stream, LinkHello hello, IReadOnlyList<OriginMember> origins, ReadOnlyMemory<byte> clusterKey,
        OriginLinkOptions options, LinkMetrics metrics, TimeProvider time, ILogger logger)
    {
        _clusterKey = clusterKey;
        _time = time;
        _stream = stream;
        _hello = hello;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _origins = RendezvousHash.Rank(hello.StreamName, origins, o => o.Name);
        // Subscribe now, on the publisher's thread, so the first keyframe is not missed.
        _queue = stream.AddReader(options.LinkQueueCapacity);
        metrics.Track(_queue);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var queue = _queue;
        try
        {
            var attempt = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var origin = _origins[attempt % _origins.Count];
                var socket = await TryConnectAsync(origin.Link, cancellationToken);
                if (socket is null)
                {
                    _metrics.ConnectFailures.Add(1);
                    attempt++;
                    if (!await DiscardWhileWaitingAsync(queue, TimeSpan.FromMilliseconds(Math.Min(5000, 250 * attempt)), cancellationToken)) return;
                    continue;
                }
                bool? finished;
                try
                {
                    finished = await PumpAsync(socket, origin, queue, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The connection is this job's boundary: whatever broke it, reconnect (or fail over).
                    LogLinkError(_logger, _hello.StreamName, origin.Name, ex.GetType().Name, ex.Message);
                    finished = false;
                }
                if (finished is null)
                {
                    // Refused at the handshake: back off and try the next origin, like an unreachable one.
                    attempt++;
                    if (!await DiscardWhileWaitingAsync(queue, TimeSpan.FromMilliseconds(Math.Min(5000, 250 * attempt)), cancellationToken)) return;
                    continue;
                }
                attempt = 0;
                if (finished == true) return;
                _metrics.Disconnects.Add(1);
                LogLost(_logger, _hello.StreamName, origin.Name);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _gop.Clear();
            _metrics.Untrack(queue);
            _stream.RemoveReader(queue);
        }
    }

    private async Task<Socket?> TryConnectAsync(string origin, CancellationToken cancellationToken)
    {
        ClusterOptionsValidator.TryParseEndpoint(origin, out var host, out var port);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.LinkConnectTimeoutSeconds));
        try
        {
            await socket.ConnectAsync(host, port, timeout.Token);
            return socket;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogConnectFailed(_logger, _hello.StreamName, origin, ex.Message);
            socket.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Runs the handshake, then streams queue events to the origin. True when the session ended (done), false when
    /// the connection broke, null when the origin did not accept the handshake.
    /// </summary>
    private async Task<bool?> PumpAsync(Socket socket, OriginMember origin, FrameQueue queue, CancellationToken cancellationToken)
    {
        await using var network = new NetworkStream(socket, ownsSocket: true);
        var writer = PipeWriter.Create(network, new StreamPipeWriterOptions(leaveOpen: true));
        var waitingForKeyframe = true;
        try
        {
            var handshake = await LinkHandshake.RunAsync(network, writer, _hello, _clusterKey,
                TimeSpan.FromSeconds(_options.LinkConnectTimeoutSeconds), _time, cancellationToken);
            if (handshake != LinkHandshakeResult.Accepted)
            {
                _metrics.Refusals.Add(1);
                LogRefused(_logger, _hello.StreamName, origin.Name, handshake);
                return null;
            }
            LogConnected(_logger, _hello.StreamName, origin.Name);
            // Failing over to another origin: start it from the cached GOP. Back on the same origin: no
            // replay (it has those frames already), resume at the next keyframe.
            var replayGop = _lastOrigin is not null && _lastOrigin != origin;
            _lastOrigin = origin;
            if (_tracks is not null) LinkCodec.WriteTracks(writer, _tracks);
            if (replayGop && _gop.Count > 0)
            {
                foreach (var cached in _gop.Frames) LinkCodec.WriteFrame(writer, cached);
                _metrics.GopReplays.Add(1);
                waitingForKeyframe = false;
            }
            await writer.FlushAsync(cancellationToken);
            while (await queue.WaitToReadAsync())
            {
                while (queue.TryRead(out var item))
                {
                    switch (item.Kind)
                    {
                        case StreamEventKind.Tracks:
                            _tracks = item.Tracks!;
                            _gop.Clear();
                            LinkCodec.WriteTracks(writer, _tracks);
                            break;
                        case StreamEventKind.SessionEnded:
                            LinkCodec.WriteSessionEnd(writer);
                            await writer.FlushAsync(cancellationToken);
                            return true;
                        default:
                            var frame = item.Frame;
                            if (waitingForKeyframe && _tracks?.Video is not null && !(frame.IsVideo && frame.IsKeyframe))
                            {
                                frame.Release();
                                continue;
                            }
                            waitingForKeyframe = false;
                            LinkCodec.WriteFrame(writer, frame);
                            if (_tracks?.Video is not null) _gop.Add(frame);
                            _metrics.FramesSent.Add(1);
                            _metrics.BytesSent.Add(frame.Length);
                            frame.Release();
                            break;
                    }
                }
                var flush = await writer.FlushAsync(cancellationToken);
                if (flush.IsCompleted) return false;
            }
            LinkCodec.WriteSessionEnd(writer);
            await writer.FlushAsync(cancellationToken);
            return true;
        }
        finally
        {
            await writer.CompleteAsync();
        }
    }

    /// <summary>While no origin is reachable, keeps the queue drained (remembering tracks and the GOP). False when the session ended.</summary>
    private async Task<bool> DiscardWhileWaitingAsync(FrameQueue queue, TimeSpan delay, CancellationToken cancellationToken)
    {
        var until = _time.GetUtcNow() + delay;
        while (_time.GetUtcNow() < until)
        {
            while (queue.TryRead(out var item))
            {
                if (item.Kind == StreamEventKind.Tracks)
                {
                    _tracks = item.Tracks;
                    _gop.Clear();
                }
                if (item.Kind == StreamEventKind.SessionEnded) return false;
                if (item.Kind == StreamEventKind.Frame && _tracks?.Video is not null) _gop.Add(item.Frame);
                item.Release();
            }
            if (queue.IsCompleted) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: frame link to origin {Origin} up")]
    private static partial void LogConnected(ILogger logger, string stream, string origin);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stream {Stream}: origin {Origin} did not accept the frame link ({Result}); is Streaming:Cluster:Secret the same on both?")]
    private static partial void LogRefused(ILogger logger, string stream, string origin, LinkHandshakeResult result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: frame link to origin {Origin} lost, reconnecting")]
    private static partial void LogLost(ILogger logger, string stream, string origin);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: frame link to origin {Origin} failed: {Error}: {Reason}")]
    private static partial void LogLinkError(ILogger logger, string stream, string origin, string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: cannot reach origin {Origin}: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string stream, string origin, string reason);
}
