using Streaming.Shared.Media;

namespace Streaming.Shared.Link;

/// <summary>One decoded link message. For <see cref="LinkMessageType.Frame"/> the receiver owns the frame's reference.</summary>
public readonly struct LinkMessage
{
    public LinkMessage(LinkMessageType type, LinkHello? hello = null, StreamTracks? tracks = null, MediaFrame frame = default)
    {
        Type = type;
        Hello = hello;
        Tracks = tracks;
        Frame = frame;
    }

    public LinkMessageType Type { get; }
    public LinkHello? Hello { get; }
    public StreamTracks? Tracks { get; }
    public MediaFrame Frame { get; }
}
