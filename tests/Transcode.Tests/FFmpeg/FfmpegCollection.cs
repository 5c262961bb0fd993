namespace Streaming.Transcode.Tests.FFmpeg;

/// <summary>Codec tests are CPU-heavy on a 2-core machine: run them one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class FfmpegCollection
{
    public const string Name = "FFmpeg codecs";
}
