namespace Streaming.Ingest.Rtmp.Flv;

/// <summary>
/// Turns 32-bit RTMP millisecond timestamps into a 64-bit timeline that keeps counting across the
/// wrap (every ~49.7 days). Each step is the signed 32-bit difference to the previous value, so small
/// backward jumps stay backward and 0xFFFFFFF0 -> 0x00000010 moves forward by 32 ms.
/// </summary>
public sealed class RtmpTimestampExtender
{
    private bool _started;
    private uint _last;
    private long _extended;

    public long Extend(uint timestamp)
    {
        if (!_started)
        {
            _started = true;
            _last = timestamp;
            _extended = timestamp;
            return _extended;
        }
        _extended += (int)(timestamp - _last);
        _last = timestamp;
        return _extended;
    }
}
