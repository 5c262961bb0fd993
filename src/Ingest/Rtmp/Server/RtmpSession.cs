using System.Buffers;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Auth;
using Streaming.Ingest.Limits;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Flv;
using Streaming.Shared.Media;

namespace Streaming.Ingest.Rtmp.Server;

/// <summary>
/// The RTMP NetConnection/NetStream state machine of one connection after the handshake: answers
/// commands, enforces their order, and turns media messages into frames on the publish session's
/// stream. Writes replies into <see cref="Output"/>; the connection flushes after each read.
/// </summary>
public sealed class RtmpSession : IDisposable
{
    private const uint WindowAckSize = 2_500_000;
    private const uint PublishStreamId = 1;

    private readonly StreamRegistry _registry;
    private readonly IngestMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Action _kick;
    private readonly ChunkWriter _writer = new();
    private readonly AcknowledgementWindow _ack = new();
    private readonly List<AmfValue> _values = new();
    private readonly RtmpServerPolicy? _policy;
    private readonly SourceSizeLimit _sourceLimit;
    private FlvFrameMapper _mapper;
    private string _app = "";
    private PublishRequest? _pending;
    private PublishRequest? _authorized;

    public RtmpSession(IBufferWriter<byte> output, string remoteAddress, StreamRegistry registry, IngestMetrics metrics,
        ILogger logger, Action kick, SourceSizeLimit sourceLimit, RtmpServerPolicy? policy = null)
    {
        _policy = policy;
        _sourceLimit = sourceLimit;
        _mapper = new FlvFrameMapper(sourceLimit);
        Output = output;
        RemoteAddress = remoteAddress;
        _registry = registry;
        _metrics = metrics;
        _logger = logger;
        _kick = kick;
    }

    public IBufferWriter<byte> Output { get; }
    public string RemoteAddress { get; }
    public ConnectionState State { get; private set; } = ConnectionState.AwaitingConnect;
    public PublishSession? Publish { get; private set; }

    /// <summary>Counts received bytes; writes an Acknowledgement when the peer's window is reached.</summary>
    public void OnBytesReceived(long bytes)
    {
        Publish?.RecordBytes(bytes);
        if (_ack.OnReceived(bytes, out var sequence)) ProtocolControl.WriteAcknowledgement(_writer, Output, sequence);
    }

    /// <summary>Handles one message; takes over its payload reference.</summary>
    public SessionAction Handle(in RtmpMessage message, long arrivalUnixMicros)
    {
        if (message.TypeId is RtmpMessageType.Audio or RtmpMessageType.Video) return HandleMedia(message, arrivalUnixMicros);
        try
        {
            return message.TypeId switch
            {
                RtmpMessageType.CommandAmf0 => HandleCommand(message.Span),
                RtmpMessageType.CommandAmf3 => message.Length > 0 ? HandleCommand(message.Span[1..]) : SessionAction.Continue,
                RtmpMessageType.DataAmf0 => HandleData(message.Span),
                RtmpMessageType.DataAmf3 => message.Length > 0 ? HandleData(message.Span[1..]) : SessionAction.Continue,
                RtmpMessageType.WindowAckSize => HandleWindowAckSize(message.Span),
                RtmpMessageType.UserControl => HandleUserControl(message.Span),
                _ => SessionAction.Continue,
            };
        }
        finally
        {
            message.Payload.Release();
        }
    }

    /// <summary>Ends the publish session (if any) with <paramref name="reason"/>.</summary>
    public void EndPublish(PublishEndReason reason)
    {
        if (Publish is null) return;
        _registry.EndPublish(Publish, reason);
        if (_authorized is not null) _policy?.Authorizer.Unpublished(_authorized, Publish.Name);
        _authorized = null;
        Publish = null;
        _mapper = new FlvFrameMapper(_sourceLimit);
    }

    public void Dispose() => EndPublish(PublishEndReason.Disconnected);

    private SessionAction HandleMedia(in RtmpMessage message, long arrival)
    {
        if (State != ConnectionState.Publishing || Publish is null)
        {
            message.Payload.Release();
            if (State == ConnectionState.Unpublished) return SessionAction.Continue;
            return Reject(RejectReason.CommandOrder, "media before publish");
        }
        var result = _mapper.Map(message, arrival, out var frame);
        switch (result)
        {
            case FlvMapResult.Frame:
                Publish.RecordFrame(frame);
                _metrics.FrameReceived(frame.IsVideo);
                Publish.Stream.Publish(frame);
                return SessionAction.Continue;
            case FlvMapResult.TracksChanged:
                message.Payload.Release();
                Publish.Stream.SetTracks(_mapper.Tracks);
                RtmpLog.TracksChanged(_logger, Publish.Key, _mapper.Tracks.Video?.CodecString, _mapper.Tracks.Audio?.CodecString);
                return SessionAction.Continue;
            case FlvMapResult.UnsupportedCodec:
                message.Payload.Release();
                return Reject(RejectReason.UnsupportedCodec, "unsupported codec " + _mapper.UnsupportedCodecName);
            case FlvMapResult.SourceTooLarge:
                message.Payload.Release();
                return Refuse(PublishDecision.Rejected, "Source refused: " + _mapper.SourceProblem + ".", RejectReason.SourceTooLarge, Publish.Key);
            case FlvMapResult.Invalid:
                message.Payload.Release();
                _metrics.ProtocolError("flv");
                RtmpLog.InvalidMedia(_logger, RemoteAddress, message.TypeId, message.Length);
                return SessionAction.Continue;
            default:
                message.Payload.Release();
                return SessionAction.Continue;
        }
    }

    private SessionAction HandleCommand(ReadOnlySpan<byte> payload)
    {
        _values.Clear();
        var status = AmfReader.ReadAll(payload, _values);
        if (status == AmfReadStatus.LimitExceeded || (status != AmfReadStatus.Ok && _values.Count < 2))
        {
            _metrics.ProtocolError("amf");
            RtmpLog.InvalidCommand(_logger, RemoteAddress, status);
            return SessionAction.Continue;
        }
        if (_values.Count < 2 || !_values[0].IsString) return SessionAction.Continue;
        var name = _values[0].String!;
        var transactionId = _values[1].Type == AmfType.Number ? _values[1].Number : 0;
        RtmpLog.Command(_logger, RemoteAddress, name);

        if (name == "connect") return Connect(transactionId);
        if (State == ConnectionState.AwaitingConnect) return Reject(RejectReason.CommandOrder, name + " before connect");
        switch (name)
        {
            case "releaseStream":
                RtmpCommandWriter.WriteResult(_writer, Output, transactionId);
                return SessionAction.Continue;
            case "FCPublish":
                RtmpCommandWriter.WriteOnFcPublish(_writer, Output, Argument(3));
                return SessionAction.Continue;
            case "createStream":
                if (State == ConnectionState.Connected) State = ConnectionState.StreamCreated;
                RtmpCommandWriter.WriteResult(_writer, Output, transactionId, AmfValue.FromNumber(PublishStreamId));
                return SessionAction.Continue;
            case "publish":
                return StartPublish(Argument(3));
            case "play":
                _metrics.Rejected(RejectReason.PlayRefused);
                RtmpCommandWriter.WriteOnStatus(_writer, Output, PublishStreamId, "error", "NetStream.Play.Failed",
                    "Playback over RTMP is not offered; use HLS.");
                RtmpLog.Rejected(_logger, RemoteAddress, RejectReason.PlayRefused, "play " + Argument(3));
                return SessionAction.Close;
            case "FCUnpublish":
            case "deleteStream":
            case "closeStream":
                if (Publish is not null)
                {
                    EndPublish(PublishEndReason.Unpublished);
                    State = ConnectionState.Unpublished;
                }
                return SessionAction.Continue;
            default:
                return SessionAction.Continue;
        }
    }

    private SessionAction Connect(double transactionId)
    {
        if (State != ConnectionState.AwaitingConnect) return Reject(RejectReason.CommandOrder, "second connect");
        var command = _values.Count > 2 ? _values[2] : AmfValue.Null;
        var app = command.GetString("app") ?? "";
        var query = app.IndexOf('?');
        _app = (query >= 0 ? app[..query] : app).Trim('/');
        var encoding = command.GetNumber("objectEncoding") ?? 0;
        ProtocolControl.WriteWindowAckSize(_writer, Output, WindowAckSize);
        ProtocolControl.WriteSetPeerBandwidth(_writer, Output, WindowAckSize, ProtocolControl.LimitDynamic);
        _writer.WriteSetChunkSize(Output, ChunkWriter.ServerChunkSize);
        RtmpCommandWriter.WriteConnectResult(_writer, Output, transactionId, encoding);
        State = ConnectionState.Connected;
        return SessionAction.Continue;
    }

    private SessionAction StartPublish(string rawName)
    {
        if (State != ConnectionState.StreamCreated) return Reject(RejectReason.CommandOrder, "publish in state " + State);
        var client = System.Net.IPEndPoint.TryParse(RemoteAddress, out var endPoint) ? endPoint.Address.ToString() : RemoteAddress;
        _pending = new PublishRequest(_app, rawName, client);
        return SessionAction.Authorize;
    }

    /// <summary>
    /// Completes the publish command that returned <see cref="SessionAction.Authorize"/>: asks the authorizer,
    /// then claims the (possibly renamed) stream. A refusal writes an error onStatus and returns Close; nothing
    /// of a refused stream reaches the registry.
    /// </summary>
    public async ValueTask<SessionAction> CompletePublishAsync(CancellationToken cancellationToken)
    {
        var request = _pending ?? throw new InvalidOperationException("no publish pending");
        _pending = null;
        var decision = _policy is null
            ? PublishDecision.Allow(request.PlainName)
            : await _policy.Authorizer.AuthorizeAsync(request, cancellationToken);
        if (!decision.Allowed) return Refuse(decision.StatusCode, decision.Description, decision.Reason, request.PlainName);
        var name = decision.Name;
        var maxStreams = _policy?.Limits.MaxStreams ?? 0;
        if (maxStreams > 0 && _registry.Sessions.Count >= maxStreams && !_registry.TryGet(name, out _))
            return Refuse(PublishDecision.Rejected, $"Server is at its limit of {maxStreams} streams.", LimitRejectReason.MaxStreams, name);
        var result = _registry.TryStartPublish(_app, name, RemoteAddress, _kick, out var session);
        if (session is null)
        {
            return Refuse("NetStream.Publish.BadName",
                result == PublishStartResult.NameInUse ? $"Stream {name} is already being published." : $"Invalid stream name {name}.",
                RejectReason.BadName, $"{result} {_app}/{name}");
        }
        Publish = session;
        _authorized = request;
        State = ConnectionState.Publishing;
        ProtocolControl.WriteUserControl(_writer, Output, UserControlEvent.StreamBegin, PublishStreamId);
        RtmpCommandWriter.WriteOnStatus(_writer, Output, PublishStreamId, "status", "NetStream.Publish.Start",
            $"{name} is now published.", name);
        return SessionAction.Continue;
    }

    /// <summary>Writes an error onStatus on the publish stream, counts <paramref name="reason"/> and asks to close.</summary>
    public SessionAction Refuse(string code, string description, string reason, string detail)
    {
        _metrics.Rejected(reason);
        RtmpCommandWriter.WriteOnStatus(_writer, Output, PublishStreamId, "error", code, description);
        RtmpLog.Rejected(_logger, RemoteAddress, reason, detail + ": " + description);
        return SessionAction.Close;
    }

    private SessionAction HandleData(ReadOnlySpan<byte> payload)
    {
        if (State != ConnectionState.Publishing) return SessionAction.Continue;
        _values.Clear();
        if (AmfReader.ReadAll(payload, _values) == AmfReadStatus.LimitExceeded)
        {
            _metrics.ProtocolError("amf");
            return SessionAction.Continue;
        }
        var index = 0;
        if (_values.Count > index && _values[index] is { IsString: true, String: "@setDataFrame" }) index++;
        if (_values.Count > index + 1 && _values[index] is { IsString: true, String: "onMetaData" }
            && _values[index + 1].Type is AmfType.Object or AmfType.EcmaArray)
        {
            _mapper.Metadata = FlvMetadata.FromAmf(_values[index + 1]);
        }
        return SessionAction.Continue;
    }

    private SessionAction HandleWindowAckSize(ReadOnlySpan<byte> payload)
    {
        if (payload.Length >= 4) _ack.Window = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(payload);
        return SessionAction.Continue;
    }

    private SessionAction HandleUserControl(ReadOnlySpan<byte> payload)
    {
        if (ProtocolControl.TryReadUserControl(payload, out var kind, out var value) && kind == UserControlEvent.PingRequest)
            ProtocolControl.WriteUserControl(_writer, Output, UserControlEvent.PingResponse, value);
        return SessionAction.Continue;
    }

    private string Argument(int index) => _values.Count > index && _values[index].IsString ? _values[index].String! : "";

    private SessionAction Reject(string reason, string detail)
    {
        _metrics.Rejected(reason);
        RtmpLog.Rejected(_logger, RemoteAddress, reason, detail);
        return SessionAction.Close;
    }
}
