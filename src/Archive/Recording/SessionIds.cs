using System.Globalization;

namespace Streaming.Archive.Recording;

/// <summary>Session ids are the session's start time in UTC, e.g. <c>20261121T051500Z</c>.</summary>
public static class SessionIds
{
    public const string Format = "yyyyMMdd'T'HHmmss'Z'";

    public static string From(DateTimeOffset start) => start.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryParse(string id, out DateTimeOffset start) =>
        DateTimeOffset.TryParseExact(id, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out start);
}
