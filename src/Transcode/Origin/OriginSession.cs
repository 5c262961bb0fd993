using Streaming.Shared.Link;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Origin;

/// <summary>
/// One publish session arriving over the frame link. Packages the source rendition inline on the link
/// connection's thread (no queue hop, so a part is fetchable as soon as its last frame arrived). Calls are
/// serialised with the stream's other session during a takeover; a superseded session drops its input.
/// The same events go to the stream's <see cref="LiveStream"/> for other readers (the transcoder).
/// </summary>
public sealed class OriginSession
{
    private readonly OriginHub _hub;
    private readonly object _gate;
    private bool _superseded;
    private bool _ended;

    private readonly LiveStream _frames;
    private readonly OriginMetrics? _metrics;

    internal OriginSession(OriginHub hub, OriginStream stream, LiveStream frames, LinkHello hello, OriginMetrics? metrics = null)
    {
        _hub = hub;
        _frames = frames;
        _metrics = metrics;
        Stream = stream;
        Hello = hello;
        _gate = stream;
    }

    public OriginStream Stream { get; }
    public LinkHello Hello { get; }
    public StreamTracks Tracks { get; private set; } = StreamTracks.None;
    public long FramesReceived { get; private set; }
    public long BytesReceived { get; private set; }

    public bool IsSuperseded
    {
        get { lock (_gate) return _superseded; }
    }

    public void SetTracks(StreamTracks tracks)
    {
        lock (_gate)
        {
            if (_superseded || _ended) return;
            Tracks = tracks;
            _frames.SetTracks(tracks);
            Stream.Process(StreamEvent.ForTracks(tracks));
        }
    }

    /// <summary>Takes over the frame's reference.</summary>
    public void Publish(in MediaFrame frame)
    {
        lock (_gate)
        {
            if (_superseded || _ended)
            {
                frame.Release();
                return;
            }
            FramesReceived++;
            BytesReceived += frame.Length;
            if (_frames.ReaderCount > 0) _frames.Publish(frame.AddRef());
            var parts = Stream.Source.PartsPublished;
            Stream.Process(StreamEvent.ForFrame(frame));
            // This frame completed a part: it is fetchable now, measure from its final frame's arrival at ingest.
            if (_metrics is not null && Stream.Source.PartsPublished != parts) _metrics.RecordPartAvailability(Stream.Source.LastPartArrivalUnixMicros);
        }
    }

    /// <summary>The publisher left (clean end or broken link). Idempotent.</summary>
    public void End()
    {
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
            if (!_superseded) EndStreamSession();
        }
        _hub.SessionFinished(this);
    }

    /// <summary>A newer session took the stream: end this one now, ignore whatever it still sends.</summary>
    internal void Supersede()
    {
        lock (_gate)
        {
            if (_superseded || _ended) return;
            _superseded = true;
            EndStreamSession();
        }
    }

    private void EndStreamSession()
    {
        _frames.EndSession();
        Stream.Process(StreamEvent.ForSessionEnd());
    }
}
