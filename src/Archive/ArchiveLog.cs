using Microsoft.Extensions.Logging;

namespace Streaming.Archive;

/// <summary>Every log line of the archiver.</summary>
internal static partial class ArchiveLog
{
    [LoggerMessage(1, LogLevel.Information, "Archive store {Store} is up")]
    public static partial void StoreUp(ILogger logger, string store);

    [LoggerMessage(2, LogLevel.Error, "Archive store {Store} is NOT usable ({Status}): {Detail}. Objects stay in the spool and are retried; check bucket and credentials")]
    public static partial void StoreDown(ILogger logger, string store, string status, string detail);

    [LoggerMessage(3, LogLevel.Information, "Spool {Directory}: resumed {Count} pending objects ({Bytes} bytes), removed {Superseded} superseded and {Corrupt} broken files")]
    public static partial void SpoolResumed(ILogger logger, string directory, int count, long bytes, int superseded, int corrupt);

    [LoggerMessage(4, LogLevel.Warning, "Spool pressure {Pressure}: {Bytes} of {Max} bytes used (store down or too slow)")]
    public static partial void SpoolPressure(ILogger logger, string pressure, long bytes, long max);

    [LoggerMessage(5, LogLevel.Warning, "Upload of {Key} failed ({Status}, attempt {Attempt}): {Detail}; retry in {DelayMs} ms")]
    public static partial void UploadFailed(ILogger logger, string key, string status, int attempt, string detail, long delayMs);

    [LoggerMessage(6, LogLevel.Information, "Recording {Stream} session {Session} from {Origin} (renditions: {Renditions})")]
    public static partial void SessionStarted(ILogger logger, string stream, string session, string origin, string renditions);

    [LoggerMessage(7, LogLevel.Information, "Recording {Stream} session {Session} ended: {Segments} segments, {Millis} ms")]
    public static partial void SessionEnded(ILogger logger, string stream, string session, int segments, long millis);

    [LoggerMessage(8, LogLevel.Information, "Resuming {Stream} session {Session} after restart")]
    public static partial void SessionResumed(ILogger logger, string stream, string session);

    [LoggerMessage(9, LogLevel.Warning, "{Stream}/{Rendition}: {Count} segments lost before seg{Msn} ({Reason})")]
    public static partial void SegmentsLost(ILogger logger, string stream, string rendition, long count, long msn, string reason);

    [LoggerMessage(10, LogLevel.Error, "{Stream}/{Rendition}: seg{Msn} not spooled ({Reason}): {Detail}")]
    public static partial void SegmentDropped(ILogger logger, string stream, string rendition, long msn, string reason, string detail);

    [LoggerMessage(11, LogLevel.Warning, "Origin {Origin} request failed: {Detail}")]
    public static partial void OriginFailed(ILogger logger, string origin, string detail);

    [LoggerMessage(12, LogLevel.Error, "Spool file {Path} is corrupt; dropped")]
    public static partial void SpoolCorrupt(ILogger logger, string path);

    [LoggerMessage(13, LogLevel.Information, "Store backlog drained after the outage")]
    public static partial void BacklogDrained(ILogger logger);

    [LoggerMessage(14, LogLevel.Information, "Archiving to {Store}, spool {Spool} (max {Max} bytes), origins {Origins}")]
    public static partial void Starting(ILogger logger, string store, string spool, long max, string origins);

    [LoggerMessage(15, LogLevel.Error, "Discovery poll failed ({Reason}); next poll in {DelayMs} ms")]
    public static partial void PollFailed(ILogger logger, string reason, long delayMs, Exception exception);

    [LoggerMessage(16, LogLevel.Error, "{Stream}/{Rendition}: recorder failed ({Reason}); restarting in {DelayMs} ms")]
    public static partial void RecorderFailed(ILogger logger, string stream, string rendition, string reason, long delayMs, Exception exception);

    [LoggerMessage(17, LogLevel.Error, "{Stream}: session journal not created ({Reason}): {Detail}; retry in {DelayMs} ms")]
    public static partial void SessionStartFailed(ILogger logger, string stream, string reason, string detail, long delayMs);

    [LoggerMessage(18, LogLevel.Error, "{Stream} session {Session}: journal not saved ({Reason}): {Detail}; the recording goes on")]
    public static partial void JournalSaveFailed(ILogger logger, string stream, string session, string reason, string detail);

    [LoggerMessage(19, LogLevel.Warning, "{Stream}/{Rendition}: origin answered {Status} {Detail}; backing off (next request in {DelayMs} ms)")]
    public static partial void OriginBackoff(ILogger logger, string stream, string rendition, int status, string detail, long delayMs);
}
