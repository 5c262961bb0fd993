using Streaming.Shared.Media;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// Decode times of AAC frames in the sample-rate timescale. Each frame lasts
/// <see cref="SamplesPerFrame"/> (1024 for AAC-LC, from the AudioSpecificConfig otherwise); a frame's time is the previous frame's end unless the frame's own
/// (rescaled) DTS is more than two frames ahead, which starts a new run after a gap. Times never go
/// backwards, so RTMP's millisecond rounding never shows up as jitter.
/// </summary>
internal sealed class AudioTimeline
{
    private long _next = -1;

    public AudioTimeline(int sampleRate, int samplesPerFrame, long startTicks)
    {
        SampleRate = sampleRate;
        SamplesPerFrame = samplesPerFrame;
        _next = startTicks < 0 ? -1 : MediaTime.Rescale(startTicks, MediaTime.Timescale, sampleRate);
    }

    public int SampleRate { get; }
    public int SamplesPerFrame { get; }

    /// <summary>Samples per AAC frame at <paramref name="track"/>'s sample rate (1024 unless its config says otherwise).</summary>
    public static int SamplesPerFrameOf(TrackInfo track)
    {
        if (!Streaming.Shared.Codecs.AudioSpecificConfig.TryParse(track.CodecConfig, out var asc)) return 1024;
        if (asc.SampleRate == track.SampleRate) return asc.SamplesPerFrame;
        if (asc.CoreSampleRate == track.SampleRate && asc.SampleRate > 0)
            return (int)((long)asc.SamplesPerFrame * asc.CoreSampleRate / asc.SampleRate);
        return 1024;
    }
    /// <summary>End of the last placed frame in the sample-rate timescale, -1 before the first.</summary>
    public long End => _next;
    public long EndTicks => _next < 0 ? 0 : MediaTime.Rescale(_next, SampleRate, MediaTime.Timescale);

    /// <summary>Places a frame whose DTS is <paramref name="dtsTicks"/> (90 kHz); <paramref name="gap"/> is the hole before it.</summary>
    public long Place(long dtsTicks, out long gap)
    {
        gap = 0;
        var ideal = Math.Max(0, MediaTime.Rescale(dtsTicks, MediaTime.Timescale, SampleRate));
        if (_next < 0) _next = ideal;
        else if (ideal - _next > 2 * SamplesPerFrame)
        {
            gap = ideal - _next;
            _next = ideal;
        }
        var decodeTime = _next;
        _next += SamplesPerFrame;
        return decodeTime;
    }

    public long ToTicks(long decodeTime) => MediaTime.Rescale(decodeTime, SampleRate, MediaTime.Timescale);
}
