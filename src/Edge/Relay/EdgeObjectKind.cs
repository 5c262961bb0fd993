namespace Streaming.Edge.Relay;

/// <summary>What a viewer asked for; decides caching and is the <c>kind</c> metric label.</summary>
public enum EdgeObjectKind
{
    Multivariant,
    MediaPlaylist,
    BlockingPlaylist,
    Init,
    Segment,
    Part,
}
