using System.Diagnostics.Metrics;
using Streaming.Archive.Spool;

namespace Streaming.Archive.Metrics;

/// <summary>The archiver's instruments (meter "Streaming.Archive"); names are the Prometheus names.</summary>
public sealed class ArchiveMetrics
{
    public const string MeterName = "Streaming.Archive";
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly double[] LagBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300];
    private int _storeUp = 1;
    private int _activeSessions;

    public ArchiveMetrics(IMeterFactory meters, ObjectSpool spool)
    {
        var meter = meters.Create(MeterName);
        Uploads = meter.CreateCounter<long>("streaming_archive_uploads", description: "Upload attempts to the store, by result (ok, unavailable, unauthorized, no_such_bucket, integrity, failed).");
        UploadSeconds = meter.CreateHistogram<double>("streaming_archive_upload_duration_seconds", unit: "s",
            description: "Time of one upload attempt.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        LagSeconds = meter.CreateHistogram<double>("streaming_archive_lag_seconds", unit: "s",
            description: "Segment listed complete at the origin -> confirmed in the store.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
        Failures = meter.CreateCounter<long>("streaming_archive_failures", description: "Failures by cause (store_*, origin_*, spool_write, spool_corrupt).");
        BytesArchived = meter.CreateCounter<long>("streaming_archive_bytes", unit: "By", description: "Bytes confirmed in the store.");
        SegmentsArchived = meter.CreateCounter<long>("streaming_archive_segments", description: "Media segments confirmed in the store.");
        SegmentsLost = meter.CreateCounter<long>("streaming_archive_segments_lost", description: "Segments gone from the origin window (410/404) before the archiver fetched them.");
        SegmentsDropped = meter.CreateCounter<long>("streaming_archive_segments_dropped", description: "Segments refused by the spool, by reason (shed, full, write_failed).");
        PollFailures = meter.CreateCounter<long>("streaming_archive_poll_failures",
            description: "Discovery polls that failed and were retried after a backoff, by reason (disk_full, access_denied, io_error, unexpected).");
        RecorderFailures = meter.CreateCounter<long>("streaming_archive_recorder_failures",
            description: "Rendition recorders that failed and were restarted after a backoff, by reason (disk_full, access_denied, io_error, unexpected).");
        JournalFailures = meter.CreateCounter<long>("streaming_archive_journal_failures",
            description: "Session journal writes that failed, by operation (create, save, append) and reason (disk_full, access_denied, io_error).");
        OriginBackoffs = meter.CreateCounter<long>("streaming_archive_origin_backoffs",
            description: "Origin playlist requests held back by the retry backoff after a failed one, by reason (unavailable, unreachable, not_found, bad_request, http_error, bad_playlist).");
        meter.CreateObservableGauge("streaming_archive_spool_objects", () => spool.Count, description: "Objects waiting in the spool.");
        meter.CreateObservableGauge("streaming_archive_spool_bytes", () => spool.Bytes, unit: "By", description: "Bytes waiting in the spool.");
        meter.CreateObservableGauge("streaming_archive_spool_limit_bytes", () => spool.MaxBytes, unit: "By", description: "Spool byte limit (SpoolMaxBytes).");
        meter.CreateObservableGauge("streaming_archive_spool_pressure", () => (int)spool.Pressure,
            description: "0 normal, 1 warning (>= SpoolWarnFraction), 2 shedding lower-priority renditions, 3 full.");
        meter.CreateObservableGauge("streaming_archive_store_up", () => Volatile.Read(ref _storeUp), description: "1 when the last store operation or check succeeded.");
        meter.CreateObservableGauge("streaming_archive_sessions_active", () => Volatile.Read(ref _activeSessions), description: "Sessions being recorded.");
    }

    public Counter<long> Uploads { get; }
    public Histogram<double> UploadSeconds { get; }
    public Histogram<double> LagSeconds { get; }
    public Counter<long> Failures { get; }
    public Counter<long> BytesArchived { get; }
    public Counter<long> SegmentsArchived { get; }
    public Counter<long> SegmentsLost { get; }
    public Counter<long> SegmentsDropped { get; }
    public Counter<long> PollFailures { get; }
    public Counter<long> RecorderFailures { get; }
    public Counter<long> JournalFailures { get; }
    public Counter<long> OriginBackoffs { get; }

    public bool StoreUp => Volatile.Read(ref _storeUp) == 1;

    /// <summary>Returns the previous state, so callers log transitions only.</summary>
    public bool SetStoreUp(bool up) => Interlocked.Exchange(ref _storeUp, up ? 1 : 0) == 1;

    public void SessionStarted() => Interlocked.Increment(ref _activeSessions);
    public void SessionStopped() => Interlocked.Decrement(ref _activeSessions);

    public void Fail(string cause) => Failures.Add(1, new KeyValuePair<string, object?>("cause", cause));

    public void JournalFailed(string operation, string reason) =>
        JournalFailures.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("reason", reason));

    public static KeyValuePair<string, object?> Reason(string reason) => new("reason", reason);
}
