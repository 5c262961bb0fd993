namespace Streaming.Ingest.Auth;

/// <summary>Optional JSON reply of an allowing webhook: <c>{"name": "x"}</c> publishes the stream as x.</summary>
public sealed record WebhookReply(string? Name);
