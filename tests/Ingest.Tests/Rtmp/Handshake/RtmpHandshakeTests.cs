using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Streaming.Ingest.Rtmp.Handshake;

namespace Streaming.Ingest.Tests.Rtmp.Handshake;

public class RtmpHandshakeTests
{
    private static readonly byte[] FmsConstant = Hex.Bytes(
        "F0EEC24A8068BEE82E00D0D1029E7E576EEC5D2D29806FAB93B8E636CFEB31AE");

    /// <summary>Deterministic "random": bytes count up from a seed on every call.</summary>
    private static RandomFill Counter(byte seed)
    {
        var next = seed;
        return span =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = next++;
        };
    }

    private static byte[] PlainC0C1()
    {
        var c0c1 = new byte[1537];
        c0c1[0] = 3;
        BinaryPrimitives.WriteUInt32BigEndian(c0c1.AsSpan(1), 1234);
        for (var i = 9; i < c0c1.Length; i++) c0c1[i] = (byte)(i * 7);
        return c0c1;
    }

    /// <summary>Builds a digested C1 straight from the handshake description, independent of the server code.</summary>
    private static byte[] DigestC0C1(int scheme)
    {
        var c0c1 = PlainC0C1();
        var c1 = c0c1.AsSpan(1);
        BinaryPrimitives.WriteUInt32BigEndian(c1[4..], 0x80000702); // Flash Player version
        var block = scheme == 0 ? 8 : 772;
        var offset = (c1[block] + c1[block + 1] + c1[block + 2] + c1[block + 3]) % 728 + block + 4;
        var message = c1[..offset].ToArray().Concat(c1[(offset + 32)..].ToArray()).ToArray();
        var digest = HMACSHA256.HashData(Encoding.ASCII.GetBytes("Genuine Adobe Flash Player 001"), message);
        digest.CopyTo(c1[offset..]);
        return c0c1;
    }

    [Fact]
    public void Plain_handshake_answers_version_3_time_zero_random_and_echoes_C1()
    {
        var c0c1 = PlainC0C1();
        var response = new byte[RtmpHandshake.ServerResponseSize];

        var outcome = RtmpHandshake.CreateResponse(c0c1, 0x01020304, Counter(0), response);

        Assert.Equal(HandshakeOutcome.Plain, outcome);
        var expected = new byte[3073];
        expected[0] = 3;
        expected[1] = 1; expected[2] = 2; expected[3] = 3; expected[4] = 4;
        for (var i = 0; i < 1528; i++) expected[9 + i] = (byte)i;
        c0c1.AsSpan(1).CopyTo(expected.AsSpan(1537));
        Assert.Equal(Hex.Of(expected), Hex.Of(response));
    }

    [Theory]
    [InlineData(0, HandshakeOutcome.DigestScheme0)]
    [InlineData(1, HandshakeOutcome.DigestScheme1)]
    public void Digest_C1_gets_digested_S1_and_S2_signed_with_key_from_client_digest(int scheme, HandshakeOutcome expectedOutcome)
    {
        var c0c1 = DigestC0C1(scheme);
        var response = new byte[RtmpHandshake.ServerResponseSize];

        var outcome = RtmpHandshake.CreateResponse(c0c1, 99, Counter(5), response);

        Assert.Equal(expectedOutcome, outcome);
        Assert.Equal(3, response[0]);
        var s1 = response.AsSpan(1, 1536);
        var s2 = response.AsSpan(1537, 1536);
        Assert.Equal(99u, BinaryPrimitives.ReadUInt32BigEndian(s1));
        Assert.NotEqual(0u, BinaryPrimitives.ReadUInt32BigEndian(s1[4..]));

        // S1 digest: HMAC(FMS key, S1 without digest) at the same scheme's offset.
        var block = scheme == 0 ? 8 : 772;
        var s1Offset = (s1[block] + s1[block + 1] + s1[block + 2] + s1[block + 3]) % 728 + block + 4;
        var s1Message = s1[..s1Offset].ToArray().Concat(s1[(s1Offset + 32)..].ToArray()).ToArray();
        var fmsKey = Encoding.ASCII.GetBytes("Genuine Adobe Flash Media Server 001");
        Assert.Equal(Hex.Of(HMACSHA256.HashData(fmsKey, s1Message)), Hex.Of(s1.Slice(s1Offset, 32)));

        // S1 random part is the injected bytes (outside the digest).
        var random = new byte[1528];
        Counter(5)(random);
        Assert.Equal(Hex.Of(random.AsSpan(0, s1Offset - 8)), Hex.Of(s1[8..s1Offset]));

        // S2: random 1504 bytes + HMAC(HMAC(FMS key + constant, client digest), S2[..1504]).
        var c1 = c0c1.AsSpan(1);
        var clientOffset = (c1[block] + c1[block + 1] + c1[block + 2] + c1[block + 3]) % 728 + block + 4;
        var tempKey = HMACSHA256.HashData(fmsKey.Concat(FmsConstant).ToArray(), c1.Slice(clientOffset, 32).ToArray());
        var expectedS2 = new byte[1536];
        var continued = Counter((byte)(5 + 1528 % 256));
        continued(expectedS2);
        HMACSHA256.HashData(tempKey, expectedS2.AsSpan(0, 1504)).CopyTo(expectedS2.AsSpan(1504));
        Assert.Equal(Hex.Of(expectedS2), Hex.Of(s2));
    }

    [Fact]
    public void C1_with_version_but_wrong_digest_falls_back_to_plain()
    {
        var c0c1 = DigestC0C1(0);
        c0c1[1 + 8 + 4 + (c0c1[9] + c0c1[10] + c0c1[11] + c0c1[12]) % 728] ^= 0xFF; // corrupt digest byte
        var response = new byte[RtmpHandshake.ServerResponseSize];

        var outcome = RtmpHandshake.CreateResponse(c0c1, 0, Counter(0), response);

        Assert.Equal(HandshakeOutcome.Plain, outcome);
        Assert.Equal(Hex.Of(c0c1.AsSpan(1)), Hex.Of(response.AsSpan(1537)));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(0)]
    [InlineData(0x16)]
    public void Versions_other_than_3_are_refused(byte version)
    {
        var c0c1 = PlainC0C1();
        c0c1[0] = version;
        Assert.Equal(HandshakeOutcome.UnsupportedVersion,
            RtmpHandshake.CreateResponse(c0c1, 0, Counter(0), new byte[RtmpHandshake.ServerResponseSize]));
    }
}
