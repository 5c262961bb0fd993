namespace Streaming.Ingest.Auth;

/// <summary>What the admin API lists about a stream key (never the secret or its hash).</summary>
public sealed record StreamKeyInfo(string Name, DateTimeOffset CreatedAt);
