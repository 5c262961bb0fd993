namespace Streaming.Edge;

public static class TimeProviderExtensions
{
    /// <summary>Monotonic milliseconds from the provider's timestamp (for expiries and ages).</summary>
    public static long NowMilliseconds(this TimeProvider time) => (long)(time.GetTimestamp() * 1000.0 / time.TimestampFrequency);
}
