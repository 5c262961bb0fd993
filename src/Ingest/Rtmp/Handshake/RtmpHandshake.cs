using System.Buffers.Binary;

namespace Streaming.Ingest.Rtmp.Handshake;

/// <summary>
/// Server side of the RTMP handshake, pure. The client sends C0 (version byte) + C1 (1536 bytes); the
/// server answers S0 + S1 + S2 (3073 bytes) in one go, then reads C2 (1536 bytes) which it does not
/// need to check. When C1 carries a valid Flash Player digest (scheme 0 or 1) S1 is digested with the
/// Flash Media Server key and S2 is signed with a key derived from the client digest; otherwise the
/// plain handshake is used (S1 random, S2 = C1 echo).
/// </summary>
public static class RtmpHandshake
{
    public const byte Version = 3;
    public const int PacketSize = HandshakeDigest.PacketSize;
    /// <summary>C0 + C1.</summary>
    public const int ClientHelloSize = 1 + PacketSize;
    /// <summary>S0 + S1 + S2.</summary>
    public const int ServerResponseSize = 1 + 2 * PacketSize;

    /// <summary>The version S1 announces in the digest variant (any non-zero value works).</summary>
    private const uint ServerVersion = 0x0D0E0A0D;

    /// <summary>
    /// Builds S0+S1+S2 for <paramref name="c0c1"/> (exactly <see cref="ClientHelloSize"/> bytes) into
    /// <paramref name="s0s1s2"/> (at least <see cref="ServerResponseSize"/> bytes).
    /// </summary>
    public static HandshakeOutcome CreateResponse(ReadOnlySpan<byte> c0c1, uint serverTime, RandomFill random, Span<byte> s0s1s2)
    {
        if (c0c1.Length != ClientHelloSize) throw new ArgumentException("C0+C1 must be 1537 bytes.", nameof(c0c1));
        if (s0s1s2.Length < ServerResponseSize) throw new ArgumentException("Response buffer too small.", nameof(s0s1s2));
        if (c0c1[0] != Version) return HandshakeOutcome.UnsupportedVersion;

        var c1 = c0c1[1..];
        var s1 = s0s1s2.Slice(1, PacketSize);
        var s2 = s0s1s2.Slice(1 + PacketSize, PacketSize);
        s0s1s2[0] = Version;

        var scheme = FindClientDigest(c1, out var clientDigestOffset);
        if (scheme < 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(s1, serverTime);
            s1.Slice(4, 4).Clear();
            random(s1[8..]);
            c1.CopyTo(s2);
            return HandshakeOutcome.Plain;
        }

        BinaryPrimitives.WriteUInt32BigEndian(s1, serverTime);
        BinaryPrimitives.WriteUInt32BigEndian(s1[4..], ServerVersion);
        random(s1[8..]);
        HandshakeDigest.Sign(s1, scheme, HandshakeDigest.ServerKey);

        random(s2);
        HandshakeDigest.SignResponse(s2, c1.Slice(clientDigestOffset, HandshakeDigest.DigestSize));
        return scheme == 0 ? HandshakeOutcome.DigestScheme0 : HandshakeOutcome.DigestScheme1;
    }

    /// <summary>Scheme (0 or 1) whose digest validates in C1, or -1. A zero version field means a plain client.</summary>
    public static int FindClientDigest(ReadOnlySpan<byte> c1, out int digestOffset)
    {
        digestOffset = 0;
        if (BinaryPrimitives.ReadUInt32BigEndian(c1[4..]) == 0) return -1;
        for (var scheme = 0; scheme < 2; scheme++)
        {
            if (HandshakeDigest.Validate(c1, scheme, HandshakeDigest.ClientKey, out digestOffset)) return scheme;
        }
        return -1;
    }
}
