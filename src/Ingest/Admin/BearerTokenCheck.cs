using System.Security.Cryptography;
using System.Text;

namespace Streaming.Ingest.Admin;

/// <summary>Compares an <c>Authorization: Bearer</c> header with the configured token in constant time.</summary>
public static class BearerTokenCheck
{
    public static bool IsAuthorized(string? header, string token)
    {
        if (token.Length == 0 || header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
