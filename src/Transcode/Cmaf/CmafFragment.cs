using System.Buffers;

namespace Streaming.Transcode.Cmaf;

/// <summary>
/// Writes one CMAF fragment (or LL-HLS part): a <c>moof</c> with one <c>traf</c> per track that has
/// samples, then one <c>mdat</c> with the video samples followed by the audio samples. Track IDs and
/// timescales follow <see cref="CmafTracks"/>; data offsets are relative to the moof
/// (default-base-is-moof). A segment is the concatenation of its fragments.
/// </summary>
public static class CmafFragment
{
    private const uint TfhdDefaultBaseIsMoof = 0x020000;
    private const uint TfhdDefaultSampleFlagsPresent = 0x000020;
    private const uint TrunDataOffset = 0x000001;
    private const uint TrunDuration = 0x000100;
    private const uint TrunSize = 0x000200;
    private const uint TrunFlags = 0x000400;
    private const uint TrunCompositionOffset = 0x000800;

    private const int MfhdSize = 16;
    private const int VideoTfhdSize = 16;
    private const int AudioTfhdSize = 20;
    private const int TfdtSize = 20;
    private const int TrunHeaderSize = 20;
    private const int VideoTrunEntrySize = 16;
    private const int AudioTrunEntrySize = 8;
    private const int MdatHeaderSize = 8;

    /// <summary>Bytes <see cref="Write"/> appends for these sample counts and payload total.</summary>
    public static long GetSize(int videoSamples, int audioSamples, long payloadBytes) =>
        MoofSize(videoSamples, audioSamples) + MdatHeaderSize + payloadBytes;

    /// <summary>
    /// Appends <c>moof</c> + <c>mdat</c> to <paramref name="output"/>. Base decode times are in each
    /// track's timescale. A track without samples gets no traf; at least one sample is required.
    /// </summary>
    public static void Write(IBufferWriter<byte> output, uint sequenceNumber,
        long videoBaseDecodeTime, ReadOnlySpan<CmafSample> video,
        long audioBaseDecodeTime, ReadOnlySpan<CmafSample> audio)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (video.IsEmpty && audio.IsEmpty) throw new ArgumentException("A fragment needs at least one sample.");
        if (videoBaseDecodeTime < 0 || audioBaseDecodeTime < 0)
            throw new ArgumentOutOfRangeException(nameof(videoBaseDecodeTime), "Decode times are non-negative.");

        var videoBytes = PayloadSize(video);
        var audioBytes = PayloadSize(audio);
        var mdatSize = MdatHeaderSize + videoBytes + audioBytes;
        if (mdatSize > int.MaxValue) throw new ArgumentException("Fragment payload exceeds 2 GiB.");

        var moofSize = MoofSize(video.Length, audio.Length);
        var headerSize = moofSize + MdatHeaderSize;
        var span = output.GetSpan(headerSize)[..headerSize];
        var w = new Mp4BoxWriter(span);

        var moof = w.StartBox("moof"u8);
        var mfhd = w.StartFullBox("mfhd"u8, 0, 0);
        w.WriteUInt32(sequenceNumber);
        w.EndBox(mfhd);
        if (!video.IsEmpty)
            WriteVideoTraf(ref w, videoBaseDecodeTime, video, dataOffset: headerSize);
        if (!audio.IsEmpty)
            WriteAudioTraf(ref w, audioBaseDecodeTime, audio, dataOffset: headerSize + (int)videoBytes);
        w.EndBox(moof);

        w.WriteUInt32((uint)mdatSize);
        w.WriteBytes("mdat"u8);
        if (w.Position != headerSize) throw new InvalidOperationException("moof size mismatch.");
        output.Advance(headerSize);

        foreach (var sample in video) output.Write(sample.Data.Span);
        foreach (var sample in audio) output.Write(sample.Data.Span);
    }

    private static void WriteVideoTraf(ref Mp4BoxWriter w, long baseDecodeTime, ReadOnlySpan<CmafSample> samples,
        int dataOffset)
    {
        var traf = w.StartBox("traf"u8);
        var tfhd = w.StartFullBox("tfhd"u8, 0, TfhdDefaultBaseIsMoof);
        w.WriteUInt32(CmafTracks.VideoTrackId);
        w.EndBox(tfhd);
        WriteTfdt(ref w, baseDecodeTime);

        var trun = w.StartFullBox("trun"u8, 1,
            TrunDataOffset | TrunDuration | TrunSize | TrunFlags | TrunCompositionOffset);
        w.WriteUInt32((uint)samples.Length);
        w.WriteInt32(dataOffset);
        foreach (var sample in samples)
        {
            w.WriteUInt32(sample.Duration);
            w.WriteUInt32((uint)sample.Data.Length);
            w.WriteUInt32(sample.IsSync ? CmafTracks.SyncSampleFlags : CmafTracks.NonSyncSampleFlags);
            w.WriteInt32(sample.CompositionOffset);
        }
        w.EndBox(trun);
        w.EndBox(traf);
    }

    private static void WriteAudioTraf(ref Mp4BoxWriter w, long baseDecodeTime, ReadOnlySpan<CmafSample> samples,
        int dataOffset)
    {
        var traf = w.StartBox("traf"u8);
        var tfhd = w.StartFullBox("tfhd"u8, 0, TfhdDefaultBaseIsMoof | TfhdDefaultSampleFlagsPresent);
        w.WriteUInt32(CmafTracks.AudioTrackId);
        w.WriteUInt32(CmafTracks.SyncSampleFlags);
        w.EndBox(tfhd);
        WriteTfdt(ref w, baseDecodeTime);

        var trun = w.StartFullBox("trun"u8, 0, TrunDataOffset | TrunDuration | TrunSize);
        w.WriteUInt32((uint)samples.Length);
        w.WriteInt32(dataOffset);
        foreach (var sample in samples)
        {
            w.WriteUInt32(sample.Duration);
            w.WriteUInt32((uint)sample.Data.Length);
        }
        w.EndBox(trun);
        w.EndBox(traf);
    }

    private static void WriteTfdt(ref Mp4BoxWriter w, long baseDecodeTime)
    {
        var tfdt = w.StartFullBox("tfdt"u8, 1, 0);
        w.WriteUInt64((ulong)baseDecodeTime);
        w.EndBox(tfdt);
    }

    private static int MoofSize(int videoSamples, int audioSamples)
    {
        long size = 8 + MfhdSize;
        if (videoSamples > 0) size += 8 + VideoTfhdSize + TfdtSize + TrunHeaderSize + (long)videoSamples * VideoTrunEntrySize;
        if (audioSamples > 0) size += 8 + AudioTfhdSize + TfdtSize + TrunHeaderSize + (long)audioSamples * AudioTrunEntrySize;
        if (size > 16 * 1024 * 1024) throw new ArgumentException("Too many samples for one fragment.");
        return (int)size;
    }

    private static long PayloadSize(ReadOnlySpan<CmafSample> samples)
    {
        long total = 0;
        foreach (var sample in samples) total += sample.Data.Length;
        return total;
    }
}
