namespace Streaming.Archive.Storage;

/// <summary>Key rules shared by both stores: relative, '/'-separated, no empty, "." or ".." components.</summary>
public static class ObjectKeys
{
    public const int MaxLength = 900;

    public static bool IsValid(string key)
    {
        if (key.Length is 0 or > MaxLength || key[0] == '/' || key.Contains('\\') || key.Contains('\0')) return false;
        foreach (var part in key.Split('/'))
        {
            if (part.Length == 0 || part == "." || part == "..") return false;
        }
        return true;
    }

    public static string Md5Hex(byte[] md5) => Convert.ToHexStringLower(md5);
}
