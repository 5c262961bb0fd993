using System.Runtime.InteropServices;
using Streaming.Shared.Media;
using Streaming.Transcode.Cmaf;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// Collects the samples of the part being built and writes them as one CMAF fragment into a pooled
/// <see cref="SharedBuffer"/>. Holds one reference per pending frame until the fragment is written.
/// Audio waits here until a part closes at a time after its DTS; at most <see cref="MaxPendingAudio"/>
/// frames wait (then the oldest is dropped and counted), so a stalled video track cannot grow it.
/// </summary>
internal sealed class PartAssembler
{
    public const int MaxPendingAudio = 512;

    private readonly List<CmafSample> _video = new(64);
    private readonly List<MediaFrame> _videoFrames = new(64);
    private readonly List<PendingAudio> _audio = new(64);
    private CmafSample[] _audioScratch = new CmafSample[64];

    public int VideoCount => _video.Count;
    public int AudioCount => _audio.Count;
    public long VideoBaseTicks { get; private set; }
    /// <summary>Sum of the video sample durations (90 kHz).</summary>
    public long VideoTicks { get; private set; }
    public bool StartsWithKeyframe => _video.Count > 0 && _video[0].IsSync;
    public long DroppedAudio { get; private set; }
    /// <summary>Latest <see cref="MediaFrame.ArrivalUnixMicros"/> among the frames of the last written fragment.</summary>
    public long LastWrittenArrivalUnixMicros { get; private set; }

    /// <summary>Adds a video sample at <paramref name="decodeTime"/>, which is <paramref name="shift"/> ticks after the frame's own DTS (presentation time is kept).</summary>
    public void AddVideo(in MediaFrame frame, long decodeTime, uint duration, long shift = 0)
    {
        if (_video.Count == 0)
        {
            VideoBaseTicks = decodeTime;
            VideoTicks = 0;
        }
        var cto = (int)Math.Clamp(frame.CompositionOffset - shift, int.MinValue, int.MaxValue);
        _video.Add(new CmafSample(duration, cto, frame.IsKeyframe, frame.PayloadMemory));
        _videoFrames.Add(frame);
        VideoTicks += duration;
    }

    public void AddAudio(in MediaFrame frame, long dtsTicks, long decodeTime, uint duration)
    {
        if (_audio.Count == MaxPendingAudio)
        {
            _audio[0].Frame.Release();
            _audio.RemoveAt(0);
            DroppedAudio++;
        }
        _audio.Add(new PendingAudio(new CmafSample(duration, 0, true, frame.PayloadMemory), dtsTicks, decodeTime, frame));
    }

    /// <summary>Lengthens the last pending audio frame to cover a hole before the next one; false if none pends.</summary>
    public bool ExtendLastAudio(long extra)
    {
        if (_audio.Count == 0) return false;
        var last = _audio[^1];
        var s = last.Sample;
        _audio[^1] = last with { Sample = new CmafSample((uint)Math.Min(uint.MaxValue, s.Duration + extra), 0, true, s.Data) };
        return true;
    }

    /// <summary>How many pending audio frames have a DTS before <paramref name="endTicks"/>.</summary>
    public int AudioCountBefore(long endTicks)
    {
        var n = 0;
        while (n < _audio.Count && _audio[n].DtsTicks < endTicks) n++;
        return n;
    }

    public long AudioDecodeTime(int index) => _audio[index].DecodeTime;
    public long AudioEnd(int count) => count == 0 ? 0 : _audio[count - 1].DecodeTime + _audio[count - 1].Sample.Duration;

    /// <summary>Writes all video and the first <paramref name="audioCount"/> audio frames, then releases their payloads.</summary>
    public SharedBuffer Write(uint sequenceNumber, int audioCount)
    {
        if (_audioScratch.Length < audioCount) _audioScratch = new CmafSample[Math.Max(audioCount, _audioScratch.Length * 2)];
        long payload = 0;
        foreach (var s in _video) payload += s.Data.Length;
        for (var i = 0; i < audioCount; i++)
        {
            _audioScratch[i] = _audio[i].Sample;
            payload += _audio[i].Sample.Data.Length;
        }
        var size = CmafFragment.GetSize(_video.Count, audioCount, payload);
        var buffer = SharedBuffer.Rent((int)size);
        var audioBase = audioCount > 0 ? _audio[0].DecodeTime : 0;
        CmafFragment.Write(new SharedBufferWriter(buffer), sequenceNumber, VideoBaseTicks, CollectionsMarshal.AsSpan(_video),
            audioBase, _audioScratch.AsSpan(0, audioCount));
        Array.Clear(_audioScratch, 0, audioCount);
        long arrival = 0;
        foreach (var frame in _videoFrames) arrival = Math.Max(arrival, frame.ArrivalUnixMicros);
        for (var i = 0; i < audioCount; i++) arrival = Math.Max(arrival, _audio[i].Frame.ArrivalUnixMicros);
        LastWrittenArrivalUnixMicros = arrival;
        foreach (var frame in _videoFrames) frame.Release();
        _video.Clear();
        _videoFrames.Clear();
        VideoTicks = 0;
        for (var i = 0; i < audioCount; i++) _audio[i].Frame.Release();
        _audio.RemoveRange(0, audioCount);
        return buffer;
    }

    /// <summary>Releases the pending audio and counts it as dropped (nothing is left to carry it).</summary>
    public void DropAudio()
    {
        foreach (var audio in _audio) audio.Frame.Release();
        DroppedAudio += _audio.Count;
        _audio.Clear();
    }

    /// <summary>Releases every pending frame (the rendition is closed).</summary>
    public void Clear()
    {
        foreach (var frame in _videoFrames) frame.Release();
        foreach (var audio in _audio) audio.Frame.Release();
        _video.Clear();
        _videoFrames.Clear();
        _audio.Clear();
        VideoTicks = 0;
    }

    private readonly record struct PendingAudio(CmafSample Sample, long DtsTicks, long DecodeTime, MediaFrame Frame);
}
