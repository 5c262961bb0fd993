using System.Security.Cryptography;

namespace Streaming.Shared.Link;

/// <summary>
/// The frame link's challenge-response (see <see cref="LinkCodec"/>):
/// <c>proof = HMAC-SHA256(key, nonce || hello fields)</c>, where the key is the UTF-8 bytes of
/// <c>Streaming:Cluster:Secret</c> (empty when none is set), the nonce is the one of the origin's
/// Challenge on this connection, and the hello fields are the Hello body before the proof (version, name,
/// session id, remote address, start) exactly as <see cref="LinkCodec.WriteHello"/> writes them.
/// A fresh nonce per connection makes a recorded Hello useless on another connection. Pure.
/// </summary>
public static class LinkProof
{
    public const int NonceLength = 32;
    public const int Length = HMACSHA256.HashSizeInBytes;

    /// <summary>Writes the proof for <paramref name="hello"/> answering <paramref name="nonce"/> into the first <see cref="Length"/> bytes of <paramref name="proof"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, LinkHello hello, Span<byte> proof)
    {
        if (nonce.Length != NonceLength) throw new ArgumentException($"A link nonce is {NonceLength} bytes.", nameof(nonce));
        if (proof.Length < Length) throw new ArgumentException($"A link proof needs {Length} bytes.", nameof(proof));
        Span<byte> data = stackalloc byte[NonceLength + LinkCodec.MaxHelloFieldsLength];
        nonce.CopyTo(data);
        var fields = LinkCodec.WriteHelloFields(data[NonceLength..], hello);
        HMACSHA256.HashData(key, data[..(NonceLength + fields)], proof[..Length]);
    }

    /// <summary>True if <paramref name="proof"/> is the proof for <paramref name="hello"/> and <paramref name="nonce"/> under <paramref name="key"/> (constant-time compare).</summary>
    public static bool Verify(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, LinkHello hello, ReadOnlySpan<byte> proof)
    {
        if (nonce.Length != NonceLength || proof.Length != Length) return false;
        Span<byte> expected = stackalloc byte[Length];
        Compute(key, nonce, hello, expected);
        return CryptographicOperations.FixedTimeEquals(expected, proof);
    }
}
