using Streaming.Archive.Metrics;
using Streaming.Archive.Options;
using Streaming.Archive.Spool;

namespace Streaming.Archive.Recording;

/// <summary>What every session and rendition recorder shares.</summary>
public sealed record RecorderServices(OriginClient Client, ObjectSpool Spool, ArchiveMetrics Metrics, ArchiveOptions Options,
    TimeProvider Time, ILogger Logger);
