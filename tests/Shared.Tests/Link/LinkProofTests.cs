using System.Security.Cryptography;
using System.Text;
using Streaming.Shared.Link;

namespace Streaming.Shared.Tests.Link;

public class LinkProofTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("cluster-secret");
    private static readonly byte[] Nonce = Enumerable.Range(0, LinkProof.NonceLength).Select(i => (byte)(0xC0 + i)).ToArray();
    private static readonly Guid Session = new(Enumerable.Range(0x10, 16).Select(i => (byte)i).ToArray(), bigEndian: true);
    private static readonly LinkHello Hello = new("ab", Session, "r", 0x0102);

    private static byte[] Proof(byte[] key, byte[] nonce, LinkHello hello)
    {
        var proof = new byte[LinkProof.Length];
        LinkProof.Compute(key, nonce, hello, proof);
        return proof;
    }

    [Fact]
    public void The_proof_is_hmac_sha256_of_the_nonce_then_the_hello_fields_as_written_on_the_wire()
    {
        byte[] fields =
        [
            2, 0, 2, (byte)'a', (byte)'b',
            0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
            0, 1, (byte)'r', 0, 0, 0, 0, 0, 0, 1, 2,
        ];
        var expected = HMACSHA256.HashData(Key, Nonce.Concat(fields).ToArray());
        Assert.Equal(expected, Proof(Key, Nonce, Hello));
    }

    [Fact]
    public void A_correct_proof_verifies_and_any_change_of_key_nonce_or_hello_field_fails()
    {
        var proof = Proof(Key, Nonce, Hello);
        Assert.True(LinkProof.Verify(Key, Nonce, Hello, proof));

        Assert.False(LinkProof.Verify(Encoding.UTF8.GetBytes("other"), Nonce, Hello, proof));
        Assert.False(LinkProof.Verify([], Nonce, Hello, proof));
        var otherNonce = Nonce.ToArray();
        otherNonce[^1] ^= 1;
        Assert.False(LinkProof.Verify(Key, otherNonce, Hello, proof));
        Assert.False(LinkProof.Verify(Key, Nonce, Hello with { StreamName = "abc" }, proof));
        Assert.False(LinkProof.Verify(Key, Nonce, Hello with { SessionId = Guid.Empty }, proof));
        Assert.False(LinkProof.Verify(Key, Nonce, Hello with { RemoteAddress = "s" }, proof));
        Assert.False(LinkProof.Verify(Key, Nonce, Hello with { StartedUnixMicros = 0x0103 }, proof));
        var flipped = proof.ToArray();
        flipped[0] ^= 0x80;
        Assert.False(LinkProof.Verify(Key, Nonce, Hello, flipped));
    }

    [Fact]
    public void Wrong_lengths_never_verify()
    {
        var proof = Proof(Key, Nonce, Hello);
        Assert.False(LinkProof.Verify(Key, Nonce, Hello, proof[..^1]));
        Assert.False(LinkProof.Verify(Key, Nonce, Hello, null));
        Assert.False(LinkProof.Verify(Key, Nonce[..^1], Hello, proof));
        Assert.False(LinkProof.Verify(Key, [], Hello, proof));
    }

    [Fact]
    public void The_empty_secret_is_a_key_like_any_other()
    {
        var proof = Proof([], Nonce, Hello);
        Assert.True(LinkProof.Verify([], Nonce, Hello, proof));
        Assert.False(LinkProof.Verify(Key, Nonce, Hello, proof));
    }
}
