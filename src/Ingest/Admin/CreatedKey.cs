namespace Streaming.Ingest.Admin;

/// <summary>Answer of <c>POST /admin/keys</c>: the secret stream key, shown this once only.</summary>
public sealed record CreatedKey(string Name, string Key);
