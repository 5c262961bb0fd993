namespace Streaming.EndToEnd.Tests.Fuzz;

/// <summary>What one fuzz connection sends.</summary>
public enum FuzzCase
{
    RandomBytes,
    WrongVersionByte,
    TruncatedHandshake,
    MutatedHandshake,
    GarbageChunks,
    MutatedConnect,
    ExtremeChunkSizes,
    GarbageMediaAfterPublish,
    Trickle,
}
