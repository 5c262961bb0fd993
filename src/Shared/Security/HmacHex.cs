using System.Security.Cryptography;
using System.Text;

namespace Streaming.Shared.Security;

/// <summary>HMAC-SHA256 over a UTF-8 message, as 64 lowercase hex characters; constant-time verification.</summary>
public static class HmacHex
{
    public const int HexLength = 64;

    public static string Sign(string secret, string message)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message), mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>True if <paramref name="hex"/> (either case) is the HMAC of <paramref name="message"/>.</summary>
    public static bool Verify(string secret, string message, ReadOnlySpan<char> hex)
    {
        if (hex.Length != HexLength) return false;
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != given.Length)
            return false;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message), expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
