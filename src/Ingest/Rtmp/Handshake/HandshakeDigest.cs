using System.Security.Cryptography;

namespace Streaming.Ingest.Rtmp.Handshake;

/// <summary>
/// The HMAC-SHA256 digest scheme of the Flash-era handshake. A 1536-byte C1/S1 packet is time(4),
/// version(4), then two 764-byte blocks; the 32-byte digest sits inside one of them at an offset
/// derived from four bytes of that block (scheme 0: digest block first, scheme 1: key block first).
/// The digest is the HMAC of the packet without the digest bytes.
/// </summary>
public static class HandshakeDigest
{
    public const int PacketSize = 1536;
    public const int DigestSize = 32;

    /// <summary>"Genuine Adobe Flash Player 001": the client key.</summary>
    public static ReadOnlySpan<byte> ClientKey => "Genuine Adobe Flash Player 001"u8;

    /// <summary>"Genuine Adobe Flash Media Server 001" followed by 32 constant bytes (68 bytes).</summary>
    public static ReadOnlySpan<byte> ServerFullKey => ServerFullKeyBytes;

    private static readonly byte[] ServerFullKeyBytes =
    [
        .. "Genuine Adobe Flash Media Server 001"u8,
        0xF0, 0xEE, 0xC2, 0x4A, 0x80, 0x68, 0xBE, 0xE8, 0x2E, 0x00, 0xD0, 0xD1, 0x02, 0x9E, 0x7E, 0x57,
        0x6E, 0xEC, 0x5D, 0x2D, 0x29, 0x80, 0x6F, 0xAB, 0x93, 0xB8, 0xE6, 0x36, 0xCF, 0xEB, 0x31, 0xAE,
    ];

    /// <summary>The first 36 bytes of <see cref="ServerFullKey"/>, used to digest S1.</summary>
    public static ReadOnlySpan<byte> ServerKey => ServerFullKey[..36];

    /// <summary>Offset of the digest inside a 1536-byte packet for scheme 0 or 1.</summary>
    public static int DigestOffset(ReadOnlySpan<byte> packet, int scheme)
    {
        var block = scheme == 0 ? 8 : 772;
        var sum = packet[block] + packet[block + 1] + packet[block + 2] + packet[block + 3];
        return block + 4 + sum % 728;
    }

    /// <summary>HMAC-SHA256 over <paramref name="packet"/> without the 32 bytes at <paramref name="digestOffset"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> packet, int digestOffset, ReadOnlySpan<byte> key, Span<byte> digest)
    {
        Span<byte> message = stackalloc byte[PacketSize - DigestSize];
        packet[..digestOffset].CopyTo(message);
        packet[(digestOffset + DigestSize)..].CopyTo(message[digestOffset..]);
        HMACSHA256.HashData(key, message, digest);
    }

    /// <summary>True when the packet carries a valid digest at the given scheme's offset.</summary>
    public static bool Validate(ReadOnlySpan<byte> packet, int scheme, ReadOnlySpan<byte> key, out int digestOffset)
    {
        digestOffset = DigestOffset(packet, scheme);
        Span<byte> expected = stackalloc byte[DigestSize];
        Compute(packet, digestOffset, key, expected);
        return CryptographicOperations.FixedTimeEquals(expected, packet.Slice(digestOffset, DigestSize));
    }

    /// <summary>Writes the digest of <paramref name="packet"/> into it at the scheme's offset.</summary>
    public static void Sign(Span<byte> packet, int scheme, ReadOnlySpan<byte> key)
    {
        var offset = DigestOffset(packet, scheme);
        Span<byte> digest = stackalloc byte[DigestSize];
        Compute(packet, offset, key, digest);
        digest.CopyTo(packet.Slice(offset, DigestSize));
    }

    /// <summary>Signs S2: last 32 bytes = HMAC(HMAC(serverFullKey, clientDigest), S2[..1504]).</summary>
    public static void SignResponse(Span<byte> s2, ReadOnlySpan<byte> clientDigest)
    {
        Span<byte> tempKey = stackalloc byte[DigestSize];
        HMACSHA256.HashData(ServerFullKey, clientDigest, tempKey);
        HMACSHA256.HashData(tempKey, s2[..(PacketSize - DigestSize)], s2[(PacketSize - DigestSize)..]);
    }
}
