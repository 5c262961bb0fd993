using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;

namespace Streaming.Archive.Spool;

/// <summary>
/// The on-disk format of one spooled object: "ASP1", header length (u32 BE), UTF-8 JSON header, body.
/// A file is valid only if the body has the length and MD5 its header names. Pure apart from file reads.
/// </summary>
public static class SpoolFile
{
    public const string Extension = ".spool";
    private static ReadOnlySpan<byte> Magic => "ASP1"u8;
    private const int MaxHeader = 64 * 1024;

    public sealed record Header(string Key, string ContentType, SpoolItemKind Kind, string Md5, long Length, long ListedUnixMillis);

    public static byte[] EncodeHeader(Header header)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        var bytes = new byte[8 + json.Length];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>Reads and checks a spool file; false for torn, foreign or corrupt files.</summary>
    public static bool TryRead(string path, out Header header, out byte[] body)
    {
        header = null!;
        body = [];
        byte[] all;
        try { all = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        if (all.Length < 8 || !all.AsSpan(0, 4).SequenceEqual(Magic)) return false;
        var headerLength = BinaryPrimitives.ReadUInt32BigEndian(all.AsSpan(4));
        if (headerLength > MaxHeader || 8 + headerLength > all.Length) return false;
        try { header = JsonSerializer.Deserialize<Header>(all.AsSpan(8, (int)headerLength))!; }
        catch (JsonException) { return false; }
        if (header is null || header.Key is null || header.Md5 is null) return false;
        var start = 8 + (int)headerLength;
        if (all.Length - start != header.Length) return false;
        body = all[start..];
        return Convert.ToBase64String(MD5.HashData(body)) == header.Md5;
    }

    public static string Name(long seq) => seq.ToString("D16", System.Globalization.CultureInfo.InvariantCulture) + Extension;

    public static bool TryParseSeq(string fileName, out long seq)
    {
        seq = 0;
        return fileName.EndsWith(Extension, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(0, fileName.Length - Extension.Length), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out seq);
    }

}
