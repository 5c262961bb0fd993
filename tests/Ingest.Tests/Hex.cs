namespace Streaming.Ingest.Tests;

internal static class Hex
{
    /// <summary>Parses hex with optional spaces/newlines.</summary>
    public static byte[] Bytes(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Of(ReadOnlySpan<byte> data) => Convert.ToHexString(data).ToLowerInvariant();
}
