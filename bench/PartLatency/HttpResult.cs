namespace Streaming.Bench.PartLatency;

/// <summary>A response read to its last byte at <see cref="DoneTicks"/> (Stopwatch ticks); <see cref="StartTicks"/> is when the request was written.</summary>
public sealed record HttpResult(int Status, byte[] Body, long StartTicks, long DoneTicks);
