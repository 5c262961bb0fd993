using Streaming.Shared.Media;
using Streaming.Shared.Hls;
using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Packaging;

/// <summary>One published part: its fragment bytes (the window holds one reference) and playlist entry.</summary>
internal sealed class PublishedPart(StreamInstance instance, long msn, int index, SharedBuffer buffer, long duration, bool independent)
{
    public long Msn { get; } = msn;
    public int Index { get; } = index;
    public SharedBuffer Buffer { get; } = buffer;
    public PlaylistPart Entry { get; } = new(duration, HlsNames.Part(instance, msn, index), independent);
}
