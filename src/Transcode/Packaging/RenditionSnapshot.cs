using System.Text;
using Streaming.Shared.Media;
using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// An immutable view of a rendition at one version: the playlist model, the live-edge position the
/// blocking requests compare against, and the variant figures for the multivariant playlist.
/// <see cref="Changed"/> completes when a newer snapshot replaces this one. Rendered playlist bytes
/// are cached here, so rendering costs once per version and skip flag.
/// </summary>
internal sealed class RenditionSnapshot
{
    private readonly TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? _full;
    private byte[]? _delta;

    public required long Version { get; init; }
    public required MediaPlaylist Playlist { get; init; }
    /// <summary>MSN of the segment in progress (the last complete segment is one less).</summary>
    public required long NextMsn { get; init; }
    public required int OpenPartCount { get; init; }
    public required bool IsLive { get; init; }
    public required bool IsClosed { get; init; }
    public required StreamTracks Tracks { get; init; }
    public required long PeakBandwidth { get; init; }
    public required long AverageBandwidth { get; init; }
    public required double MeasuredFrameRate { get; init; }

    public Task Changed => _changed.Task;
    public bool HasMedia => Playlist.Segments.Count > 0 || OpenPartCount > 0;

    public void MarkSuperseded() => _changed.TrySetResult();

    public byte[] Render(bool skip)
    {
        ref var slot = ref skip ? ref _delta : ref _full;
        var cached = Volatile.Read(ref slot);
        if (cached is not null) return cached;
        var text = Encoding.UTF8.GetBytes(MediaPlaylistWriter.Write(Playlist, skip));
        return Interlocked.CompareExchange(ref slot, text, null) ?? text;
    }

    /// <summary>The report siblings print for this rendition, or null before its first part.</summary>
    public RenditionReport? Report(string uri)
    {
        if (OpenPartCount > 0) return new RenditionReport(uri, NextMsn, OpenPartCount - 1);
        if (Playlist.Segments.Count == 0) return null;
        var last = Playlist.Segments[^1];
        return new RenditionReport(uri, last.Msn, last.Parts.Count - 1);
    }

    /// <summary>Blocking reload rule of RFC 8216bis 6.2.5.2 evaluated against this snapshot.</summary>
    public BlockingReloadResult? Evaluate(long msn, int part)
    {
        if (IsClosed) return BlockingReloadResult.Closed;
        var lastComplete = NextMsn - 1;
        if (msn > lastComplete + 2) return BlockingReloadResult.TooFarAhead;
        if (part >= 0 && msn == NextMsn && part > OpenPartCount - 1 + AdvancePartLimit) return BlockingReloadResult.TooFarAhead;
        var ready = part < 0 ? msn <= lastComplete : msn < NextMsn || (msn == NextMsn && part < OpenPartCount);
        return ready ? BlockingReloadResult.Ready : null;
    }

    /// <summary>
    /// Whether part (msn, index) exists, will never exist, or may still come (null). A part of the open or a
    /// later segment may come while the session is live (a hint for the next segment's part 0 that came too
    /// early just waits for the next segment); once the session ended it is not produced.
    /// </summary>
    public PartWaitResult? EvaluatePart(long msn, int index)
    {
        if (IsClosed) return PartWaitResult.Closed;
        if (msn == NextMsn && index < OpenPartCount) return PartWaitResult.Available;
        if (msn >= NextMsn) return IsLive ? null : PartWaitResult.NotProduced;
        var first = Playlist.MediaSequence;
        if (msn < first) return PartWaitResult.NotProduced;
        var segment = Playlist.Segments[(int)(msn - first)];
        return index < segment.Parts.Count ? PartWaitResult.Available : PartWaitResult.NotProduced;
    }

    /// <summary>Parts a request may ask beyond the last one (RFC 8216bis Advance Part Limit).</summary>
    public const int AdvancePartLimit = 3;
}
