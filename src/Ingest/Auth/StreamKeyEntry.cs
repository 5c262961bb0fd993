namespace Streaming.Ingest.Auth;

/// <summary>One stored stream key: the public name, a per-entry salt and SHA-256(salt || key), hex encoded.</summary>
public sealed record StreamKeyEntry(string Name, string Salt, string Hash, DateTimeOffset CreatedAt);
