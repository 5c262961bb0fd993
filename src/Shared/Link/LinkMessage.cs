using Streaming.Shared.Media;

namespace Streaming.Shared.Link;

/// <summary>One decoded link message. For <see cref="LinkMessageType.Frame"/> the receiver owns the frame's reference.</summary>
public readonly struct LinkMessage
{
    public LinkMessage(LinkMessageType type, LinkHello? hello = null, StreamTracks? tracks = null, MediaFrame frame = default,
        byte[]? nonce = null, byte[]? proof = null)
    {
        Type = type;
        Hello = hello;
        Tracks = tracks;
        Frame = frame;
        Nonce = nonce;
        Proof = proof;
    }

    public LinkMessageType Type { get; }
    public LinkHello? Hello { get; }
    public StreamTracks? Tracks { get; }
    public MediaFrame Frame { get; }
    /// <summary>Challenge: the origin's nonce (<see cref="LinkProof.NonceLength"/> bytes).</summary>
    public byte[]? Nonce { get; }
    /// <summary>Hello: the HMAC answering the challenge (<see cref="LinkProof.Length"/> bytes).</summary>
    public byte[]? Proof { get; }
}
