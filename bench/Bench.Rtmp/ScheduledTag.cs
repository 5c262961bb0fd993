namespace Streaming.Bench.Rtmp;

/// <summary>A tag to send at <see cref="TimestampMs"/> (file timestamp plus the loop offset) after the publisher's start.</summary>
public readonly record struct ScheduledTag(FlvTag Tag, long TimestampMs);
