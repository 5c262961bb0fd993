using System.Collections.Concurrent;

namespace Streaming.Bench.LoadGenerator.Reporting;

/// <summary>Run-wide counters shared by all viewers (lock-free except the bounded sample sets).</summary>
public sealed class LoadStats(RunClock clock, double warmupSeconds)
{
    private long _requests;
    private long _mediaBytes;
    private long _playlistBytes;
    private long _parts;
    private long _gaps;
    private long _hintMisses;
    private readonly ConcurrentDictionary<string, long> _errors = new();

    public SampleSet PartLatencyMs { get; } = new(1_000_000);
    public SampleSet PlaybackLatencyMs { get; } = new(1_000_000);
    public SampleSet HopDeltaMs { get; } = new(100_000);
    public SampleSet HopOriginMs { get; } = new(100_000);
    public SampleSet HopEdgeMs { get; } = new(100_000);

    public long Requests => Interlocked.Read(ref _requests);
    public long MediaBytes => Interlocked.Read(ref _mediaBytes);
    public long PlaylistBytes => Interlocked.Read(ref _playlistBytes);
    public long Parts => Interlocked.Read(ref _parts);
    public long Gaps => Interlocked.Read(ref _gaps);
    public long HintMisses => Interlocked.Read(ref _hintMisses);
    public IReadOnlyDictionary<string, long> Errors => _errors;

    public bool Measuring(long timestamp) => clock.ElapsedSeconds(timestamp) >= warmupSeconds;

    public void Request(string kind, int status, long bytes, long timestamp)
    {
        if (status == -1 || !Measuring(timestamp)) return;
        Interlocked.Increment(ref _requests);
        if (kind is "playlist" or "multivariant" or "blocking") Interlocked.Add(ref _playlistBytes, bytes);
        else Interlocked.Add(ref _mediaBytes, bytes);
        if (status is < 200 or >= 300) _errors.AddOrUpdate($"{kind} {(status == 0 ? "transport/timeout" : status.ToString())}", 1, (_, n) => n + 1);
    }

    public void Part(long timestamp)
    {
        if (Measuring(timestamp)) Interlocked.Increment(ref _parts);
    }

    public void Gap(long timestamp, long missed)
    {
        if (Measuring(timestamp)) Interlocked.Add(ref _gaps, missed);
    }

    /// <summary>A preload-hinted part that never appeared in a playlist under that URI (its bytes were wasted).</summary>
    public void HintMiss() => Interlocked.Increment(ref _hintMisses);
}
