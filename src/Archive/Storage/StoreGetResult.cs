namespace Streaming.Archive.Storage;

public sealed record StoreGetResult(StoreResult Result, byte[] Body);
