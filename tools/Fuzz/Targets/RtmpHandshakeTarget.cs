using System.Buffers.Binary;
using Streaming.Ingest.Rtmp.Handshake;

namespace Streaming.Tools.Fuzz.Targets;

/// <summary>
/// C0+C1 from the input (zero-padded or cut to 1537 bytes, the size the connection reads) through
/// <see cref="RtmpHandshake.CreateResponse"/>. Invariants: a documented outcome; S0 is version 3; a plain
/// handshake echoes C1 in S2; a digest handshake answers with an S1 that validates under the server key.
/// </summary>
public static class RtmpHandshakeTarget
{
    private const uint ServerTime = 0x01020304;

    public static void Run(ReadOnlySpan<byte> input)
    {
        var c0c1 = new byte[RtmpHandshake.ClientHelloSize];
        input[..Math.Min(input.Length, c0c1.Length)].CopyTo(c0c1);
        var response = new byte[RtmpHandshake.ServerResponseSize];
        var outcome = RtmpHandshake.CreateResponse(c0c1, ServerTime, static s => s.Fill(0x5A), response);
        Invariant.Defined(outcome);
        var c1 = c0c1.AsSpan(1);
        var s1 = response.AsSpan(1, RtmpHandshake.PacketSize);
        var s2 = response.AsSpan(1 + RtmpHandshake.PacketSize, RtmpHandshake.PacketSize);
        if (outcome == HandshakeOutcome.UnsupportedVersion)
        {
            Invariant.Check(c0c1[0] != RtmpHandshake.Version, "version 3 refused");
            return;
        }
        Invariant.Check(c0c1[0] == RtmpHandshake.Version, "a version other than 3 was answered");
        Invariant.Check(response[0] == RtmpHandshake.Version, "S0 is not version 3");
        Invariant.Check(BinaryPrimitives.ReadUInt32BigEndian(s1) == ServerTime, "S1 does not carry the server time");
        if (outcome == HandshakeOutcome.Plain)
        {
            Invariant.Check(s2.SequenceEqual(c1), "plain S2 does not echo C1");
            return;
        }
        var scheme = outcome == HandshakeOutcome.DigestScheme0 ? 0 : 1;
        Invariant.Check(RtmpHandshake.FindClientDigest(c1, out _) == scheme, "digest outcome without that client digest");
        Invariant.Check(HandshakeDigest.Validate(s1, scheme, HandshakeDigest.ServerKey, out _), "S1 digest does not validate");
    }
}
