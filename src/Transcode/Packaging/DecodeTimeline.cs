using Streaming.Shared.Media;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// Places a rendition's input DTS on its output decode timeline (90 kHz). The first session starts where
/// its first frame is (shifted to zero when negative); a new session, or a restart that would go backwards,
/// continues at <see cref="End"/>. A video DTS (audio DTS for audio-only) more than
/// <see cref="MaxForwardJump"/> ahead of or <see cref="MaxBackwardJump"/> behind its track's previous one
/// is a jump: the caller closes the segment and starts a gap.
/// </summary>
internal sealed class DecodeTimeline
{
    public const long MaxForwardJump = 3 * MediaTime.Timescale;
    public const long MaxBackwardJump = MediaTime.Timescale / 2;

    private long _offset;
    private bool _newSession = true;
    private bool _hasVideo;

    /// <summary>True until a frame started the timeline, and again after <see cref="BeginGap"/>.</summary>
    public bool AwaitingStart { get; private set; } = true;
    /// <summary>End of the media written so far (output ticks), -1 before any.</summary>
    public long End { get; private set; } = -1;
    /// <summary>Output DTS of the last video / audio frame.</summary>
    public long LastVideoDts { get; private set; }
    public long LastAudioDts { get; set; }

    public long ToOutput(long inputDts) => inputDts + _offset;

    /// <summary>Whether a frame at output <paramref name="dts"/> jumped away from its track's previous frame.</summary>
    public bool IsJump(long dts, bool isVideo, bool hasVideo)
    {
        if (!isVideo && hasVideo) return false;
        var last = isVideo ? LastVideoDts : LastAudioDts;
        return dts - last > MaxForwardJump || last - dts > MaxBackwardJump;
    }

    /// <summary>Starts (or restarts) the timeline at a frame whose input DTS is <paramref name="inputDts"/>; returns its output DTS.</summary>
    public long Start(long inputDts)
    {
        if (End < 0) _offset = inputDts < 0 ? -inputDts : 0;
        else if (_newSession || inputDts + _offset < End) _offset = End - inputDts;
        _newSession = false;
        AwaitingStart = false;
        var dts = ToOutput(inputDts);
        LastVideoDts = LastAudioDts = dts;
        return dts;
    }

    /// <summary>
    /// Places a video frame at output <paramref name="dts"/>: strictly after the previous video frame since the
    /// start; <paramref name="gap"/> is the distance to that frame (0 for the first).
    /// </summary>
    public long PlaceVideo(long dts, out long gap)
    {
        if (_hasVideo && dts <= LastVideoDts) dts = LastVideoDts + 1;
        gap = _hasVideo ? dts - LastVideoDts : 0;
        _hasVideo = true;
        LastVideoDts = dts;
        return dts;
    }

    /// <summary>Records that media up to <paramref name="end"/> (output ticks) was written.</summary>
    public void Extend(long end) => End = Math.Max(End, end);

    /// <summary>Waits for a new start; with <paramref name="newSession"/> the next start continues at <see cref="End"/> whatever its DTS.</summary>
    public void BeginGap(bool newSession)
    {
        AwaitingStart = true;
        _newSession |= newSession;
        _hasVideo = false;
    }
}
