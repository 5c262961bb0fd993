using System.Globalization;

namespace Streaming.Shared.Security;

/// <summary>
/// Signed playback token, passed as <c>?token=</c> on every edge URL of a stream:
/// <c>{exp}.{sig}</c> where <c>exp</c> is the expiry in Unix seconds (decimal) and
/// <c>sig = hex(HMAC-SHA256(secret, "play:" + stream + ":" + exp))</c> (64 lowercase hex characters).
/// The <c>play:</c> prefix keeps playback tokens and signed publish keys apart even under one secret.
/// Mint with openssl: <c>printf 'play:%s:%s' NAME EXP | openssl dgst -sha256 -hmac SECRET -hex</c>.
/// </summary>
public static class PlaybackToken
{
    /// <summary>Longest token accepted (checked before any work).</summary>
    public const int MaxLength = 20 + 1 + HmacHex.HexLength;

    public static string Mint(string secret, string stream, DateTimeOffset expiresAt)
    {
        var exp = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return exp + "." + HmacHex.Sign(secret, Message(stream, exp));
    }

    public static SignatureCheck Verify(string secret, string stream, string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token)) return SignatureCheck.Missing;
        if (token.Length > MaxLength) return SignatureCheck.Malformed;
        var dot = token.IndexOf('.');
        if (dot <= 0) return SignatureCheck.Malformed;
        var exp = token[..dot];
        if (!exp.All(char.IsAsciiDigit) || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
            return SignatureCheck.Malformed;
        var sig = token.AsSpan(dot + 1);
        if (sig.Length != HmacHex.HexLength) return SignatureCheck.Malformed;
        if (!HmacHex.Verify(secret, Message(stream, exp), sig)) return SignatureCheck.BadSignature;
        return expiry < now.ToUnixTimeSeconds() ? SignatureCheck.Expired : SignatureCheck.Valid;
    }

    private static string Message(string stream, string exp) => "play:" + stream + ":" + exp;
}
