namespace Streaming.Edge.Tokens;

/// <summary>
/// Configuration section <c>Streaming:Edge:Tokens</c>. With a secret, every <c>/live/{stream}/...</c>, <c>/vod/{stream}/...</c>
/// and <c>/api/recordings?stream={stream}</c> request needs
/// <c>?token=</c> (<see cref="Streaming.Shared.Security.PlaybackToken"/>) for that stream; empty = open playback.
/// </summary>
public sealed class EdgeTokenOptions
{
    public const string Section = "Streaming:Edge:Tokens";

    public string Secret { get; set; } = "";

    public bool Enabled => Secret.Length > 0;
}
