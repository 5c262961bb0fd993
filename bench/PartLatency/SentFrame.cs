namespace Streaming.Bench.PartLatency;

/// <summary>A media frame the publisher started writing (in one send call) at <see cref="SentTicks"/>; <see cref="Dts90k"/> = FLV timestamp x 90.</summary>
public readonly record struct SentFrame(bool IsVideo, long Dts90k, long SentTicks);
