namespace Streaming.Transcode.Packaging;

/// <summary>
/// Predicts whether the next video frame is a keyframe from the keyframe cadence. Encoders such as OBS and
/// ffmpeg put keyframes at a fixed interval, so once the time since the last keyframe plus the expected gap
/// to the next frame reaches the last GOP duration (less half a frame of rounding), the next frame is
/// expected to be a keyframe. No prediction before two keyframes were seen since the last <see cref="Reset"/>.
/// </summary>
internal sealed class KeyframeCadence
{
    private long _lastKeyframe;
    private bool _hasKeyframe;

    /// <summary>DTS distance between the last two keyframes, 0 when unknown.</summary>
    public long LastGop { get; private set; }

    public void Reset()
    {
        _hasKeyframe = false;
        LastGop = 0;
    }

    /// <summary>Feeds one video frame's DTS (frames in decode order).</summary>
    public void Observe(long dts, bool keyframe)
    {
        if (!keyframe) return;
        if (_hasKeyframe && dts > _lastKeyframe) LastGop = dts - _lastKeyframe;
        _lastKeyframe = dts;
        _hasKeyframe = true;
    }

    /// <summary>Whether a frame expected at <paramref name="nextDts"/>, <paramref name="frameGap"/> after the last one, is expected to be a keyframe.</summary>
    public bool PredictsKeyframeAt(long nextDts, long frameGap) =>
        _hasKeyframe && LastGop > 0 && nextDts - _lastKeyframe >= LastGop - frameGap / 2;
}
