namespace Streaming.Ingest.Tests.Rtmp.Server;

/// <summary>Live tests run encoders; one at a time keeps the 2-core machine responsive.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveRtmpCollection
{
    public const string Name = "live-rtmp";
}
