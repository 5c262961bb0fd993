using Streaming.Shared.Media;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// Audio that arrives while a video rendition waits for its first keyframe: it may share the keyframe's
/// time, so the last <see cref="Capacity"/> frames are kept (older ones are released and counted).
/// </summary>
internal sealed class PreStartAudio
{
    public const int Capacity = 16;
    private readonly List<MediaFrame> _frames = new(Capacity);

    public int Count => _frames.Count;
    public long Dropped { get; private set; }

    public void Hold(in MediaFrame frame)
    {
        if (_frames.Count == Capacity)
        {
            _frames[0].Release();
            _frames.RemoveAt(0);
            Dropped++;
        }
        _frames.Add(frame);
    }

    /// <summary>Hands over the frames at or after <paramref name="startDts"/> (input time) in order; releases the rest.</summary>
    public void Drain(long startDts, Action<MediaFrame> take)
    {
        foreach (var frame in _frames)
        {
            if (frame.Dts >= startDts) take(frame);
            else
            {
                frame.Release();
                Dropped++;
            }
        }
        _frames.Clear();
    }

    public void Clear() => Drain(long.MaxValue, static _ => { });
}
