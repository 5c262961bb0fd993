using Streaming.Shared.Media;

namespace Streaming.Shared.Streams;

/// <summary>One item of a reader's queue: a frame, a track change or a session end, in publish order.</summary>
public readonly struct StreamEvent
{
    private StreamEvent(StreamEventKind kind, MediaFrame frame, StreamTracks? tracks)
    {
        Kind = kind;
        Frame = frame;
        Tracks = tracks;
    }

    public StreamEventKind Kind { get; }
    public MediaFrame Frame { get; }
    public StreamTracks? Tracks { get; }

    public static StreamEvent ForFrame(in MediaFrame frame) => new(StreamEventKind.Frame, frame, null);
    public static StreamEvent ForTracks(StreamTracks tracks) => new(StreamEventKind.Tracks, default, tracks);
    public static StreamEvent ForSessionEnd() => new(StreamEventKind.SessionEnded, default, null);

    /// <summary>Releases the payload reference a frame event holds; other events hold none.</summary>
    public void Release()
    {
        if (Kind == StreamEventKind.Frame) Frame.Release();
    }
}
