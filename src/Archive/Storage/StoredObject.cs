namespace Streaming.Archive.Storage;

/// <summary>A key found by a listing, with its size in bytes.</summary>
public sealed record StoredObject(string Key, long Size);
