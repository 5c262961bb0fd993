using Streaming.Ingest.Publishing;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;

namespace Streaming.Ingest.Tests.Rtmp.Server;

/// <summary>Attaches a reader to every session the registry starts and records what it receives.</summary>
internal sealed class StreamCollector
{
    private readonly object _lock = new();
    private readonly List<Task> _readers = new();

    public StreamCollector(StreamRegistry registry, string name)
    {
        registry.SessionStarted += session =>
        {
            if (session.Name != name) return;
            var queue = session.Stream.AddReader(4096);
            lock (_lock) _readers.Add(Task.Run(() => DrainAsync(queue)));
        };
    }

    public List<StreamTracks> Tracks { get; } = new();
    public List<(TrackKind Track, long Dts, long Pts, bool Key, int Length)> Frames { get; } = new();
    public int SessionEnds { get; private set; }
    public int Sessions { get { lock (_lock) return _readers.Count; } }

    public async Task WaitForSessionsToFinishAsync(TimeSpan timeout)
    {
        Task[] readers;
        lock (_lock) readers = _readers.ToArray();
        await Task.WhenAll(readers).WaitAsync(timeout);
    }

    private async Task DrainAsync(FrameQueue queue)
    {
        while (await queue.WaitToReadAsync())
        {
            while (queue.TryRead(out var item))
            {
                lock (_lock)
                {
                    switch (item.Kind)
                    {
                        case StreamEventKind.Tracks: Tracks.Add(item.Tracks!); break;
                        case StreamEventKind.SessionEnded: SessionEnds++; break;
                        default:
                            var f = item.Frame;
                            Frames.Add((f.Track, f.Dts, f.Pts, f.IsKeyframe, f.Length));
                            break;
                    }
                }
                item.Release();
            }
        }
    }
}
