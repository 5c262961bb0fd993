using Streaming.Shared.Hls;
using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Packaging;

/// <summary>A segment of the window: the list of its parts (never copied into one buffer).</summary>
internal sealed class PublishedSegment(StreamInstance instance, long msn, int initIndex, bool discontinuity, long programDateTimeUnixMicros)
{
    private readonly List<PublishedPart> _parts = new(8);

    public long Msn { get; } = msn;
    public int InitIndex { get; } = initIndex;
    public bool Discontinuity { get; } = discontinuity;
    public long ProgramDateTimeUnixMicros { get; } = programDateTimeUnixMicros;
    public IReadOnlyList<PublishedPart> Parts => _parts;
    public long Duration { get; private set; }
    public long Bytes { get; private set; }
    public int VideoFrames { get; private set; }
    /// <summary>Set when the segment is complete.</summary>
    public PlaylistSegment? Entry { get; private set; }

    public void Add(PublishedPart part, int videoFrames)
    {
        _parts.Add(part);
        Duration += part.Entry.Duration;
        Bytes += part.Buffer.Length;
        VideoFrames += videoFrames;
    }

    public PlaylistSegment ToEntry(bool complete) => complete
        ? Entry ??= Build(HlsNames.Segment(instance, Msn))
        : Build(null);

    private PlaylistSegment Build(string? uri) =>
        new(Msn, uri, Duration, ProgramDateTimeUnixMicros, Discontinuity, HlsNames.Init(instance, InitIndex),
            _parts.Select(p => p.Entry).ToArray());
}
