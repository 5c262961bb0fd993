namespace Streaming.Transcode.Tests.FFmpeg;

/// <summary>Measures process RSS, so it must not run while other tests allocate.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeMemoryCollection
{
    public const string Name = "FFmpeg native memory";
}
