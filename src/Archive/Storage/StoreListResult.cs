namespace Streaming.Archive.Storage;

public sealed record StoreListResult(StoreResult Result, IReadOnlyList<StoredObject> Objects);
