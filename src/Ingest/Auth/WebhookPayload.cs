namespace Streaming.Ingest.Auth;

/// <summary>The JSON body POSTed to <see cref="PublishAuthOptions.WebhookUrl"/>; <c>action</c> is publish or unpublish.</summary>
public sealed record WebhookPayload(string Action, string App, string Name, string Key, string ClientAddress);
