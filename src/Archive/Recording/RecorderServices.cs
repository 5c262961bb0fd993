using Streaming.Archive.Metrics;
using Streaming.Archive.Options;
using Streaming.Archive.Retry;
using Streaming.Archive.Spool;

namespace Streaming.Archive.Recording;

/// <summary>What every session and rendition recorder shares.</summary>
public sealed record RecorderServices(OriginClient Client, ObjectSpool Spool, ArchiveMetrics Metrics, ArchiveOptions Options,
    TimeProvider Time, ILogger Logger)
{
    /// <summary>A fresh retry state with the configured backoff (<see cref="ArchiveOptions.RetryBaseSeconds"/>, <see cref="ArchiveOptions.RetryMaxSeconds"/>).</summary>
    public RetryBackoff NewBackoff() => new(Time, TimeSpan.FromSeconds(Options.RetryBaseSeconds), TimeSpan.FromSeconds(Options.RetryMaxSeconds));
}
