using System.Globalization;

namespace Streaming.Shared.Security;

/// <summary>
/// HMAC-signed RTMP publish key with an expiry, used as OBS's stream key:
/// <c>{name}?exp={unix seconds}&amp;sig={hex(HMAC-SHA256(secret, name + ":" + exp))}</c>.
/// The stream is published as <c>name</c>. Mint with openssl:
/// <c>printf '%s:%s' NAME EXP | openssl dgst -sha256 -hmac SECRET -hex</c>, then
/// stream key = <c>NAME?exp=EXP&amp;sig=HEX</c>.
/// </summary>
public static class SignedPublishKey
{
    /// <summary>Longest key accepted (checked before parsing).</summary>
    public const int MaxLength = 512;

    public static string Mint(string secret, string name, DateTimeOffset expiresAt)
    {
        var exp = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{name}?exp={exp}&sig={HmacHex.Sign(secret, name + ":" + exp)}";
    }

    /// <summary>Checks <paramref name="key"/>; <paramref name="name"/> is the part before '?' (empty when malformed).</summary>
    public static SignatureCheck Verify(string secret, string key, DateTimeOffset now, out string name)
    {
        name = "";
        if (string.IsNullOrEmpty(key)) return SignatureCheck.Missing;
        if (key.Length > MaxLength) return SignatureCheck.Malformed;
        var query = key.IndexOf('?');
        if (query <= 0) return SignatureCheck.Malformed;
        name = key[..query];
        string? exp = null, sig = null;
        foreach (var pair in key[(query + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq < 0) continue;
            var k = pair[..eq];
            if (k == "exp") exp = pair[(eq + 1)..];
            else if (k == "sig") sig = pair[(eq + 1)..];
        }
        if (exp is null || sig is null || exp.Length is 0 or > 20 || !exp.All(char.IsAsciiDigit)
            || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
            return SignatureCheck.Malformed;
        if (!HmacHex.Verify(secret, name + ":" + exp, sig)) return SignatureCheck.BadSignature;
        return expiry < now.ToUnixTimeSeconds() ? SignatureCheck.Expired : SignatureCheck.Valid;
    }
}
