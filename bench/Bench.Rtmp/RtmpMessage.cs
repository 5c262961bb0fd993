namespace Streaming.Bench.Rtmp;

/// <summary>A whole RTMP message received from the server.</summary>
public sealed record RtmpMessage(byte TypeId, uint StreamId, uint Timestamp, byte[] Payload);
