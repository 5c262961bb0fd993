namespace Streaming.Ingest.Auth;

/// <summary>
/// The authorizer's answer: allowed with the public stream name to publish as, or refused with the
/// RTMP status code sent to the client, its description and the <c>reason</c> metric tag.
/// </summary>
public sealed record PublishDecision(bool Allowed, string Name, string StatusCode, string Description, string Reason)
{
    public const string BadName = "NetStream.Publish.BadName";
    public const string Rejected = "NetStream.Publish.Rejected";

    public static PublishDecision Allow(string name) => new(true, name, "", "", "");

    public static PublishDecision Deny(string statusCode, string description, string reason) => new(false, "", statusCode, description, reason);
}
