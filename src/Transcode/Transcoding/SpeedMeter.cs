using Streaming.Shared.Media;
using Streaming.Shared.Streams;

namespace Streaming.Transcode.Transcoding;

/// <summary>
/// Measures a transcoder's speed: media time of the video processed divided by the wall time spent processing it
/// (waiting for input does not count), one <see cref="SpeedSample"/> per window.
/// </summary>
internal sealed class SpeedMeter(TimeProvider time, double windowSeconds)
{
    private long _windowStart;
    private long _busyTicks;
    private long _mediaTicks;
    private long _lastVideoDts = long.MinValue;

    /// <summary>Records one handled event that started at <paramref name="started"/>; true when a window closed.</summary>
    public bool Record(in StreamEvent item, long started, out SpeedSample sample)
    {
        sample = default;
        var now = time.GetTimestamp();
        _busyTicks += now - started;
        if (item.Kind == StreamEventKind.Frame && item.Frame.IsVideo)
        {
            var dts = item.Frame.Dts;
            if (_lastVideoDts != long.MinValue) _mediaTicks += Math.Clamp(dts - _lastVideoDts, 0, MediaTime.Timescale);
            _lastVideoDts = dts;
        }
        else if (item.Kind == StreamEventKind.SessionEnded)
        {
            _lastVideoDts = long.MinValue;
        }
        if (_windowStart == 0)
        {
            _windowStart = started;
            return false;
        }
        var wall = time.GetElapsedTime(_windowStart, now).TotalSeconds;
        if (wall < windowSeconds) return false;
        sample = new SpeedSample(MediaTime.ToSeconds(_mediaTicks), time.GetElapsedTime(0, _busyTicks).TotalSeconds, wall);
        _windowStart = now;
        _busyTicks = 0;
        _mediaTicks = 0;
        return true;
    }
}
