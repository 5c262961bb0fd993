using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Streaming.Shared.Metrics;

/// <summary>Process and runtime gauges every service exports (CPU, memory, GC, threads).</summary>
public sealed class ProcessMetrics : IDisposable
{
    private readonly Meter _meter = new("Streaming.Process");

    public ProcessMetrics(TimeProvider time)
    {
        var start = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        _meter.CreateObservableCounter("process_cpu_seconds", () => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
            description: "Total user and system CPU time spent in seconds.");
        _meter.CreateObservableGauge("process_resident_memory_bytes", () => Environment.WorkingSet,
            description: "Resident memory size in bytes.");
        _meter.CreateObservableGauge("process_start_time_seconds", () => new DateTimeOffset(start).ToUnixTimeMilliseconds() / 1000.0,
            description: "Start time of the process since unix epoch in seconds.");
        _meter.CreateObservableGauge("dotnet_gc_heap_bytes", () => GC.GetTotalMemory(false),
            description: "Bytes currently thought to be allocated on the managed heap.");
        _meter.CreateObservableCounter("dotnet_gc_collections", () => new[]
        {
            new Measurement<long>(GC.CollectionCount(0), new KeyValuePair<string, object?>("generation", "0")),
            new Measurement<long>(GC.CollectionCount(1), new KeyValuePair<string, object?>("generation", "1")),
            new Measurement<long>(GC.CollectionCount(2), new KeyValuePair<string, object?>("generation", "2")),
        }, description: "Garbage collections by generation.");
        _meter.CreateObservableGauge("dotnet_threads", () => Process.GetCurrentProcess().Threads.Count,
            description: "Operating system threads of the process.");
        _meter.CreateObservableGauge("dotnet_threadpool_threads", () => ThreadPool.ThreadCount,
            description: "Thread pool threads.");
        _meter.CreateObservableGauge("streaming_up_time_seconds", () => (time.GetUtcNow() - new DateTimeOffset(start)).TotalSeconds,
            description: "Seconds since the process started.");
    }

    public void Dispose() => _meter.Dispose();
}
