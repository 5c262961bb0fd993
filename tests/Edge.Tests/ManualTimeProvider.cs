namespace Streaming.Edge.Tests;

/// <summary>A clock the test moves by hand (timestamps in milliseconds).</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _ms = 1_000_000;

    public override long TimestampFrequency => 1000;

    public override long GetTimestamp() => Interlocked.Read(ref _ms);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddMilliseconds(Interlocked.Read(ref _ms));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ms, (long)by.TotalMilliseconds);
}
