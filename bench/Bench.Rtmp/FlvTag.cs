namespace Streaming.Bench.Rtmp;

/// <summary>One FLV tag: <see cref="Type"/> 8 audio, 9 video, 18 script data; <see cref="Data"/> is the RTMP message payload.</summary>
public sealed record FlvTag(byte Type, uint TimestampMs, byte[] Data)
{
    public bool IsVideo => Type == 9;
    public bool IsAudio => Type == 8;
    public bool IsMedia => Type is 8 or 9;

    /// <summary>AVC or AAC sequence header (sent once per connection, not repeated when the file loops).</summary>
    public bool IsSequenceHeader => (IsVideo && Data.Length > 1 && (Data[0] & 0x0F) == 7 && Data[1] == 0)
        || (IsAudio && Data.Length > 1 && (Data[0] >> 4) == 10 && Data[1] == 0);

    public bool IsKeyframe => IsVideo && Data.Length > 0 && (Data[0] >> 4) == 1;
}
