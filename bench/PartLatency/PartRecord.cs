namespace Streaming.Bench.PartLatency;

/// <summary>One fetched part: when its (held) request was written and when its last byte was read, and its moof contents.</summary>
public sealed record PartRecord(long Msn, int Index, int Status, long StartTicks, long DoneTicks, int Bytes,
    long VideoDts90k, int VideoCount, int AudioCount);
