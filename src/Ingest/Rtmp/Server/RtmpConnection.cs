using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Auth;
using Streaming.Ingest.Limits;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Flv;
using Streaming.Ingest.Rtmp.Handshake;

namespace Streaming.Ingest.Rtmp.Server;

/// <summary>
/// I/O of one RTMP connection: handshake, then a read loop feeding the chunk reader and the session,
/// flushing replies after each read. Until publish succeeds the chunk reader runs under
/// <see cref="ChunkLimits.PrePublish"/> and the connection must reach publish within the handshake timeout;
/// throughout, a <see cref="ProgressRule"/> checked by a <see cref="TimeProvider"/> timer cuts connections
/// that bring too few bytes per idle interval. Closes on those, protocol errors and limits (each counted),
/// order violations, kick (takeover) or shutdown. Exceptions end here (connection boundary).
/// </summary>
public sealed class RtmpConnection
{
    private readonly Stream _stream;
    private readonly RtmpServerPolicy? _policy;
    private readonly PublishRateMeter? _rate;
    private readonly IngestOptions _options;
    private readonly StreamRegistry _registry;
    private readonly IngestMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime;
    private readonly string _remote;
    private readonly MemoryBudget _budget;
    private readonly ProgressRule _progress;
    private bool _kicked;
    private volatile ProgressVerdict _verdict;
    private CancellationTokenSource? _idle;

    /// <summary>How often the progress rule is checked (its resolution).</summary>
    private static readonly TimeSpan CheckPeriod = TimeSpan.FromMilliseconds(500);

    /// <param name="stream">The connection's byte stream (socket or TLS); owned and disposed by the connection.</param>
    /// <param name="budget">The process-wide budget for partially received messages.</param>
    public RtmpConnection(Stream stream, string remote, IngestOptions options, StreamRegistry registry, IngestMetrics metrics,
        MemoryBudget budget, TimeProvider time, ILogger logger, CancellationToken shutdown, RtmpServerPolicy? policy = null)
    {
        _budget = budget;
        _progress = new ProgressRule(time, TimeSpan.FromSeconds(options.HandshakeTimeoutSeconds),
            TimeSpan.FromSeconds(options.IdleTimeoutSeconds), options.MinBytesPerIdleInterval);
        _stream = stream;
        _policy = policy;
        if (policy?.Limits is { MaxPublishBitrateKbps: > 0 } limits)
            _rate = new PublishRateMeter(time, limits.MaxPublishBitrateKbps, limits.BitrateWindowSeconds);
        _options = options;
        _registry = registry;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        _remote = remote;
    }

    public async Task RunAsync()
    {
        await using var stream = _stream;
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        var output = PipeWriter.Create(stream);
        var sourceLimit = new SourceSizeLimit(_options.MaxWidth, _options.MaxHeight);
        using var session = new RtmpSession(output, _remote, _registry, _metrics, _logger, Kick, sourceLimit, _policy);
        using var chunks = new ChunkReader(ChunkLimits.PrePublish, _budget);
        using var idle = new CancellationTokenSource();
        using var link = _lifetime.Token.Register(static s => ((CancellationTokenSource)s!).Cancel(), idle);
        using var watchdog = _time.CreateTimer(static s => ((RtmpConnection)s!).CheckProgress(), this, CheckPeriod, CheckPeriod);
        _idle = idle;
        var endReason = PublishEndReason.Disconnected;
        try
        {
            if (!await HandshakeAsync(input, output, idle.Token)) return;
            endReason = await ReadLoopAsync(input, output, session, chunks);
        }
        catch (OperationCanceledException) when (!_lifetime.IsCancellationRequested && _verdict != ProgressVerdict.Ok)
        {
            endReason = PublishEndReason.Timeout;
            RejectTimeout(session.State);
        }
        catch (OperationCanceledException)
        {
            endReason = _kicked ? PublishEndReason.Kicked : PublishEndReason.Closed;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            endReason = PublishEndReason.Disconnected;
        }
        catch (Exception ex)
        {
            RtmpLog.Failed(_logger, _remote, ex);
            endReason = PublishEndReason.Closed;
        }
        finally
        {
            session.EndPublish(endReason);
            await input.CompleteAsync();
            await output.CompleteAsync();
            _lifetime.Dispose();
            RtmpLog.Closed(_logger, _remote);
        }
    }

    private void RejectTimeout(ConnectionState state)
    {
        if (_verdict == ProgressVerdict.NoProgress)
        {
            _metrics.Rejected(RejectReason.IdleTimeout);
            RtmpLog.IdleTimeout(_logger, _remote, _options.IdleTimeoutSeconds, _options.MinBytesPerIdleInterval);
            return;
        }
        var reason = state == ConnectionState.AwaitingConnect ? RejectReason.HandshakeTimeout : RejectReason.PublishTimeout;
        _metrics.Rejected(reason);
        RtmpLog.Rejected(_logger, _remote, reason, $"no publish within {_options.HandshakeTimeoutSeconds}s (state {state})");
    }

    /// <summary>Timer callback: cuts the connection when the progress rule says so.</summary>
    private void CheckProgress()
    {
        if (_verdict != ProgressVerdict.Ok) return;
        var verdict = _progress.Check();
        if (verdict == ProgressVerdict.Ok) return;
        _verdict = verdict;
        try { _idle?.Cancel(); } catch (ObjectDisposedException) { }
    }

    /// <summary>Ends the connection (a new publisher took its name over). Safe from any thread.</summary>
    public void Kick()
    {
        _kicked = true;
        try { _lifetime.Cancel(); } catch (ObjectDisposedException) { }
    }

    private async Task<bool> HandshakeAsync(PipeReader input, PipeWriter output, CancellationToken token)
    {
        var c0c1 = await ReadExactAsync(input, RtmpHandshake.ClientHelloSize, token);
        if (c0c1 is null) return false;
        var response = new byte[RtmpHandshake.ServerResponseSize];
        var now = (uint)_time.GetUtcNow().ToUnixTimeMilliseconds();
        var outcome = RtmpHandshake.CreateResponse(c0c1, now, static span => System.Security.Cryptography.RandomNumberGenerator.Fill(span), response);
        RtmpLog.Handshake(_logger, _remote, outcome);
        if (outcome == HandshakeOutcome.UnsupportedVersion)
        {
            _metrics.Rejected(RejectReason.HandshakeFailed);
            RtmpLog.Rejected(_logger, _remote, RejectReason.HandshakeFailed, $"RTMP version {c0c1[0]}");
            return false;
        }
        await output.WriteAsync(response, token);
        return await ReadExactAsync(input, RtmpHandshake.PacketSize, token) is not null;
    }

    private async Task<byte[]?> ReadExactAsync(PipeReader input, int size, CancellationToken token)
    {
        while (true)
        {
            var result = await input.ReadAsync(token);
            var buffer = result.Buffer;
            if (buffer.Length >= size)
            {
                var bytes = buffer.Slice(0, size).ToArray();
                input.AdvanceTo(buffer.GetPosition(size));
                _metrics.BytesReceived(size);
                _progress.AddBytes(size);
                return bytes;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted) return null;
        }
    }

    private async Task<PublishEndReason> ReadLoopAsync(PipeReader input, PipeWriter output, RtmpSession session, ChunkReader chunks)
    {
        while (true)
        {
            var result = await input.ReadAsync(_idle!.Token);
            var buffer = result.Buffer;
            var action = Process(ref buffer, session, chunks);
            if (action == SessionAction.Authorize)
            {
                // Unparsed bytes stay buffered (examined = consumed, so the next read returns them at once);
                // the authorizer may take a while (webhook) and is not subject to the idle timer.
                input.AdvanceTo(buffer.Start);
                _progress.Pause();
                if (output.UnflushedBytes > 0) await output.FlushAsync(_lifetime.Token);
                action = await session.CompletePublishAsync(_lifetime.Token);
                if (output.UnflushedBytes > 0) await output.FlushAsync(_lifetime.Token);
                if (action == SessionAction.Close) return PublishEndReason.Closed;
                if (session.State == ConnectionState.Publishing)
                {
                    // Authorized: the normal message limits apply from the next byte on.
                    chunks.SetLimits(ChunkLimits.For(_options.MaxMessageSize, _options.MaxChunkStreams));
                    _progress.StartPublishing();
                }
                else
                {
                    _progress.Resume();
                }
                continue;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (output.UnflushedBytes > 0) await output.FlushAsync(_lifetime.Token);
            if (action == SessionAction.Close) return PublishEndReason.Closed;
            if (result.IsCompleted) return PublishEndReason.Disconnected;
        }
    }

    private SessionAction Process(ref ReadOnlySequence<byte> buffer, RtmpSession session, ChunkReader chunks)
    {
        var reader = new SequenceReader<byte>(buffer);
        var arrival = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        var action = SessionAction.Continue;
        while (action == SessionAction.Continue)
        {
            var status = chunks.TryRead(ref reader, out var message);
            if (status == ChunkReadStatus.NeedMoreData) break;
            if (status != ChunkReadStatus.Message)
            {
                RejectChunkStatus(status, session.State, chunks);
                action = SessionAction.Close;
                break;
            }
            action = session.Handle(message, arrival);
        }
        _metrics.BytesReceived(reader.Consumed);
        _progress.AddBytes(reader.Consumed);
        session.OnBytesReceived(reader.Consumed);
        if (_rate is not null && session.Publish is not null && action == SessionAction.Continue
            && _rate.AddAndCheck(reader.Consumed, _time.GetTimestamp()))
        {
            action = session.Refuse(PublishDecision.Rejected,
                $"Publish bitrate {_rate.LastBitsPerSecond / 1000} kbps exceeds the limit of {_policy!.Limits.MaxPublishBitrateKbps} kbps.",
                LimitRejectReason.MaxBitrate, session.Publish.Key);
        }
        buffer = buffer.Slice(reader.Position);
        return action;
    }

    /// <summary>Counts and logs why the chunk stream ended the connection: a limit (by kind) or a protocol error.</summary>
    private void RejectChunkStatus(ChunkReadStatus status, ConnectionState state, ChunkReader chunks)
    {
        var prePublish = state != ConnectionState.Publishing && state != ConnectionState.Unpublished;
        var reason = status switch
        {
            ChunkReadStatus.MessageTooLarge or ChunkReadStatus.TooManyChunkStreams when prePublish => RejectReason.PrePublishLimit,
            ChunkReadStatus.BufferLimitExceeded => RejectReason.BufferLimit,
            ChunkReadStatus.MemoryBudgetExhausted => RejectReason.MemoryBudget,
            _ => RejectReason.ProtocolError,
        };
        if (reason == RejectReason.ProtocolError) _metrics.ProtocolError("chunk");
        _metrics.Rejected(reason);
        RtmpLog.ChunkLimit(_logger, _remote, status, reason, chunks.BufferedBytes, _budget.Used);
    }
}
