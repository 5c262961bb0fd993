using Streaming.Shared.Media;

namespace Streaming.Ingest.Publishing;

/// <summary>
/// Estimates a track's bitrate from payload sizes over windows of at least one second of media time
/// (90 kHz dts), so it is independent of the wall clock. Single writer; <see cref="BitsPerSecond"/>
/// may be read from any thread.
/// </summary>
public sealed class BitrateEstimator
{
    private const long WindowTicks = MediaTime.Timescale;

    private long _windowStart = long.MinValue;
    private long _windowBytes;
    private long _bitsPerSecond;

    public long BitsPerSecond => Interlocked.Read(ref _bitsPerSecond);

    public void Add(long dts, int bytes)
    {
        if (_windowStart == long.MinValue || dts < _windowStart)
        {
            _windowStart = dts;
            _windowBytes = 0;
        }
        var span = dts - _windowStart;
        if (span >= WindowTicks)
        {
            Interlocked.Exchange(ref _bitsPerSecond, _windowBytes * 8 * MediaTime.Timescale / span);
            _windowStart = dts;
            _windowBytes = 0;
        }
        _windowBytes += bytes;
    }
}
