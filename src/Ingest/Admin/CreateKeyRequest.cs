namespace Streaming.Ingest.Admin;

/// <summary>Body of <c>POST /admin/keys</c>.</summary>
public sealed record CreateKeyRequest(string? Name);
