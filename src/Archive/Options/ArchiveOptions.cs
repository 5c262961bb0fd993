namespace Streaming.Archive.Options;

/// <summary>
/// The archiver (section <c>Streaming:Archive</c>). Spool policy: every object is spooled to disk before
/// upload; at <see cref="SpoolWarnFraction"/> of <see cref="SpoolMaxBytes"/> the archiver warns (log and
/// <c>streaming_archive_spool_pressure</c> 1); at <see cref="SpoolShedFraction"/> it stops accepting new
/// segments of lower-priority renditions (every rendition but the first of <see cref="Renditions"/>, or but
/// "source" when all are archived; pressure 2); at 100 % it accepts no new segments at all (pressure 3).
/// Refused segments are counted in <c>streaming_archive_segments_dropped_total</c> and the archived playlist
/// marks the gap with a discontinuity. Playlists are always accepted (one pending version per playlist).
/// </summary>
public sealed class ArchiveOptions
{
    public const string Section = "Streaming:Archive";

    /// <summary>The archive API (internal): loopback by default; any other address requires <c>Streaming:Cluster:Secret</c>.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";
    public int HttpPort { get; set; } = 8083;
    /// <summary>"file" (directory <see cref="FileRoot"/>) or "s3" (<see cref="S3"/>).</summary>
    public string Store { get; set; } = "file";
    public string FileRoot { get; set; } = "./data/archive";
    public string SpoolDirectory { get; set; } = "./data/spool";
    public long SpoolMaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;
    public double SpoolWarnFraction { get; set; } = 0.8;
    public double SpoolShedFraction { get; set; } = 0.9;
    /// <summary>Renditions to archive, highest priority first; empty = all.</summary>
    public List<string> Renditions { get; set; } = [];
    public int UploadConcurrency { get; set; } = 4;
    /// <summary>
    /// Exponential backoff (equal jitter) of every retry: uploads, failed discovery polls, session journals the
    /// disk refused, restarts of failed recorders and origin playlist requests that failed fast.
    /// </summary>
    public double RetryBaseSeconds { get; set; } = 0.5;
    /// <summary>Cap of that backoff; a failed attempt that lasted this long starts the backoff over.</summary>
    public double RetryMaxSeconds { get; set; } = 10;
    /// <summary>How often each origin's /api/streams is polled.</summary>
    public double DiscoveryIntervalSeconds { get; set; } = 1;
    /// <summary>Timeout of one origin request (blocking playlist reloads wait up to ~3 target durations).</summary>
    public double OriginRequestTimeoutSeconds { get; set; } = 15;
    public S3StoreOptions S3 { get; set; } = new();

    public bool IsS3 => string.Equals(Store, "s3", StringComparison.OrdinalIgnoreCase);

    /// <summary>0 for the highest-priority rendition; see the class summary.</summary>
    public int PriorityOf(string rendition)
    {
        if (Renditions.Count == 0) return rendition == "source" ? 0 : 1;
        var index = Renditions.IndexOf(rendition);
        return index < 0 ? Renditions.Count : index;
    }

    public bool Archives(string rendition) => Renditions.Count == 0 || Renditions.Contains(rendition);
}
