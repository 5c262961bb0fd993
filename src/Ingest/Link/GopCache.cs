using Streaming.Shared.Media;

namespace Streaming.Ingest.Link;

/// <summary>
/// The frames since the last video keyframe (video and audio), each holding a payload reference, so a link
/// that fails over to another origin can start that origin at once instead of waiting up to a GOP for the
/// next keyframe. Bounded by frame count and bytes; past either bound it empties and waits for the next
/// keyframe. Audio-only streams need no cache (every audio frame is a starting point).
/// </summary>
public sealed class GopCache
{
    private readonly List<MediaFrame> _frames = [];
    private readonly int _maxFrames;
    private readonly long _maxBytes;
    private long _bytes;
    private bool _open;

    public GopCache(int maxFrames = 1200, long maxBytes = 16 * 1024 * 1024)
    {
        _maxFrames = maxFrames;
        _maxBytes = maxBytes;
    }

    public int Count => _frames.Count;
    public long Bytes => _bytes;
    public IReadOnlyList<MediaFrame> Frames => _frames;

    /// <summary>Keeps a reference to <paramref name="frame"/> when it belongs to the current GOP; the caller keeps its own.</summary>
    public void Add(in MediaFrame frame)
    {
        if (frame.IsVideo && frame.IsKeyframe)
        {
            Clear();
            _open = true;
        }
        if (!_open) return;
        if (_frames.Count >= _maxFrames || _bytes + frame.Length > _maxBytes)
        {
            Clear();
            return;
        }
        _frames.Add(frame.AddRef());
        _bytes += frame.Length;
    }

    /// <summary>Forgets everything (new codec configuration, end of session) until the next keyframe.</summary>
    public void Clear()
    {
        foreach (var frame in _frames) frame.Release();
        _frames.Clear();
        _bytes = 0;
        _open = false;
    }
}
