using System.Globalization;
using System.Text;

namespace Streaming.Transcode.Hls;

/// <summary>Number formats of playlists: durations are 90 kHz ticks printed as seconds with 3 decimals.</summary>
public static class PlaylistTime
{
    public const int Timescale = 90_000;

    /// <summary>Appends <paramref name="ticks"/> as seconds rounded to the millisecond, e.g. <c>2.000</c>.</summary>
    public static StringBuilder AppendSeconds(this StringBuilder builder, long ticks)
    {
        var ms = (ticks * 1000 + Timescale / 2) / Timescale;
        return builder.Append(ms / 1000).Append('.').Append((ms % 1000).ToString("D3", CultureInfo.InvariantCulture));
    }

    /// <summary>Appends an ISO 8601 UTC date-time rounded to the millisecond, e.g. <c>2024-05-01T12:00:00.040Z</c>.</summary>
    public static StringBuilder AppendDateTime(this StringBuilder builder, long unixMicros)
    {
        var ms = Math.Round(unixMicros / 1000.0, MidpointRounding.AwayFromZero);
        var time = DateTimeOffset.UnixEpoch.AddTicks((long)ms * TimeSpan.TicksPerMillisecond);
        return builder.Append(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }

    public static long FromSeconds(double seconds) => (long)Math.Round(seconds * Timescale);
}
