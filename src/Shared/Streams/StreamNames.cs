namespace Streaming.Shared.Streams;

/// <summary>
/// The one rule for stream names (and RTMP application names): 1-128 characters of <c>[A-Za-z0-9._-]</c>,
/// neither <c>.</c> nor <c>..</c>. Ingest applies it at publish, the origin to names arriving over the frame
/// link, so a name is always safe as a URL path segment and a file name.
/// </summary>
public static class StreamNames
{
    public const int MaxLength = 128;

    public static bool IsValid(string name)
    {
        if (name.Length is 0 or > MaxLength) return false;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')) return false;
        }
        return name is not ("." or "..");
    }
}
