using Microsoft.Extensions.Logging;
using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Handshake;

namespace Streaming.Ingest.Rtmp.Server;

internal static partial class RtmpLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "RTMP listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, System.Net.EndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "RTMP connection from {Remote}")]
    public static partial void Accepted(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Debug, Message = "RTMP connection from {Remote} closed")]
    public static partial void Closed(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Debug, Message = "RTMP handshake with {Remote}: {Outcome}")]
    public static partial void Handshake(ILogger logger, string remote, HandshakeOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RTMP connection from {Remote} rejected ({Reason}): {Detail}")]
    public static partial void Rejected(ILogger logger, string remote, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "RTMP command from {Remote}: {Command}")]
    public static partial void Command(ILogger logger, string remote, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Undecodable AMF command from {Remote}: {Status}")]
    public static partial void InvalidCommand(ILogger logger, string remote, AmfReadStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invalid media message (type {TypeId}, {Length} bytes) from {Remote}")]
    public static partial void InvalidMedia(ILogger logger, string remote, byte typeId, int length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracks of {Key}: video {Video}, audio {Audio}")]
    public static partial void TracksChanged(ILogger logger, string key, string? video, string? audio);

    [LoggerMessage(Level = LogLevel.Information, Message = "RTMP connection from {Remote} sent fewer than {MinBytes} bytes in {Seconds}s, closing")]
    public static partial void IdleTimeout(ILogger logger, string remote, int seconds, int minBytes);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "RTMP chunk stream from {Remote} ended: {Status} ({Reason}; connection buffers {Buffered} B, all connections {BudgetUsed} B)")]
    public static partial void ChunkLimit(ILogger logger, string remote, ChunkReadStatus status, string reason, long buffered, long budgetUsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RTMP connection from {Remote} failed")]
    public static partial void Failed(ILogger logger, string remote, Exception exception);
}
