using Streaming.Shared.Media;

namespace Streaming.Transcode.Cmaf;

/// <summary>
/// Writes the CMAF header (initialization segment): <c>ftyp</c> + <c>moov</c> with one <c>trak</c> per
/// present track (video: track 1 at 90 kHz with <c>avc1</c>; audio: track 2 at its sample rate with
/// <c>mp4a</c>), empty sample tables and an <c>mvex</c> announcing fragments. With both tracks it is the
/// muxed header LL-HLS parts use (not a single-track CMAF header, so the <c>cmfc</c> brand is left out).
/// </summary>
public static class CmafInitSegment
{
    private const int FixedOverhead = 1024;
    private const int TrackOverhead = 512;
    private static ReadOnlySpan<byte> Matrix =>
    [
        0x00, 0x01, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0x00, 0x01, 0x00, 0x00, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x00, 0x00, 0x00,
    ];

    public static byte[] Write(TrackInfo? video, TrackInfo? audio)
    {
        if (video is null && audio is null) throw new ArgumentException("An init segment needs a track.");
        if (video is not null && (video.Kind != TrackKind.Video || video.Codec != CodecId.H264))
            throw new ArgumentException("Video track must be H.264.", nameof(video));
        if (audio is not null && (audio.Kind != TrackKind.Audio || audio.Codec != CodecId.Aac || audio.SampleRate <= 0))
            throw new ArgumentException("Audio track must be AAC with a sample rate.", nameof(audio));

        var capacity = FixedOverhead
            + (video is null ? 0 : TrackOverhead + CmafSampleEntries.Avc1Overhead + video.CodecConfig.Length)
            + (audio is null ? 0 : TrackOverhead + CmafSampleEntries.Mp4aOverhead + audio.CodecConfig.Length);
        var buffer = new byte[capacity];
        var w = new Mp4BoxWriter(buffer);

        // iso6: tfdt v1 and trun v1 (signed composition offsets). cmfc (CMAF track) only for a single
        // track: a CMAF header holds exactly one track, so the muxed two-track header does not claim it.
        var ftyp = w.StartBox("ftyp"u8);
        w.WriteBytes("iso6"u8); // major brand
        w.WriteUInt32(0); // minor version
        w.WriteBytes("iso6"u8);
        if (video is null || audio is null) w.WriteBytes("cmfc"u8);
        w.WriteBytes("mp41"u8);
        w.EndBox(ftyp);

        var moov = w.StartBox("moov"u8);
        WriteMvhd(ref w, nextTrackId: CmafTracks.AudioTrackId + 1);
        if (video is not null) WriteTrak(ref w, video, CmafTracks.VideoTrackId, CmafTracks.VideoTimescale);
        if (audio is not null) WriteTrak(ref w, audio, CmafTracks.AudioTrackId, audio.SampleRate);

        var mvex = w.StartBox("mvex"u8);
        if (video is not null) WriteTrex(ref w, CmafTracks.VideoTrackId);
        if (audio is not null) WriteTrex(ref w, CmafTracks.AudioTrackId);
        w.EndBox(mvex);
        w.EndBox(moov);

        return w.Written.ToArray();
    }

    private static void WriteMvhd(ref Mp4BoxWriter w, uint nextTrackId)
    {
        var mvhd = w.StartFullBox("mvhd"u8, 0, 0);
        w.WriteUInt32(0); // creation_time
        w.WriteUInt32(0); // modification_time
        w.WriteUInt32(CmafTracks.MovieTimescale);
        w.WriteUInt32(0); // duration: unknown (fragmented)
        w.WriteUInt32(0x0001_0000); // rate 1.0
        w.WriteUInt16(0x0100); // volume 1.0
        w.WriteZeros(10);
        w.WriteBytes(Matrix);
        w.WriteZeros(24); // pre_defined
        w.WriteUInt32(nextTrackId);
        w.EndBox(mvhd);
    }

    private static void WriteTrak(ref Mp4BoxWriter w, TrackInfo track, uint trackId, int timescale)
    {
        var isVideo = track.Kind == TrackKind.Video;
        var trak = w.StartBox("trak"u8);

        var tkhd = w.StartFullBox("tkhd"u8, 0, 0x000003); // enabled, in movie
        w.WriteUInt32(0);
        w.WriteUInt32(0);
        w.WriteUInt32(trackId);
        w.WriteUInt32(0); // reserved
        w.WriteUInt32(0); // duration
        w.WriteZeros(8);
        w.WriteUInt16(0); // layer
        w.WriteUInt16(0); // alternate_group
        w.WriteUInt16(isVideo ? (ushort)0 : (ushort)0x0100); // volume
        w.WriteUInt16(0);
        w.WriteBytes(Matrix);
        w.WriteUInt32(isVideo ? (uint)track.Width << 16 : 0);
        w.WriteUInt32(isVideo ? (uint)track.Height << 16 : 0);
        w.EndBox(tkhd);

        var mdia = w.StartBox("mdia"u8);
        var mdhd = w.StartFullBox("mdhd"u8, 0, 0);
        w.WriteUInt32(0);
        w.WriteUInt32(0);
        w.WriteUInt32((uint)timescale);
        w.WriteUInt32(0);
        w.WriteUInt16(0x55C4); // language "und"
        w.WriteUInt16(0);
        w.EndBox(mdhd);

        var hdlr = w.StartFullBox("hdlr"u8, 0, 0);
        w.WriteUInt32(0); // pre_defined
        w.WriteBytes(isVideo ? "vide"u8 : "soun"u8);
        w.WriteZeros(12);
        w.WriteBytes(isVideo ? "VideoHandler\0"u8 : "SoundHandler\0"u8);
        w.EndBox(hdlr);

        var minf = w.StartBox("minf"u8);
        if (isVideo)
        {
            var vmhd = w.StartFullBox("vmhd"u8, 0, 1);
            w.WriteZeros(8); // graphicsmode, opcolor
            w.EndBox(vmhd);
        }
        else
        {
            var smhd = w.StartFullBox("smhd"u8, 0, 0);
            w.WriteZeros(4); // balance, reserved
            w.EndBox(smhd);
        }

        var dinf = w.StartBox("dinf"u8);
        var dref = w.StartFullBox("dref"u8, 0, 0);
        w.WriteUInt32(1);
        var url = w.StartFullBox("url "u8, 0, 1); // media in the same file
        w.EndBox(url);
        w.EndBox(dref);
        w.EndBox(dinf);

        var stbl = w.StartBox("stbl"u8);
        var stsd = w.StartFullBox("stsd"u8, 0, 0);
        w.WriteUInt32(1);
        if (isVideo) CmafSampleEntries.WriteAvc1(ref w, track);
        else CmafSampleEntries.WriteMp4a(ref w, track);
        w.EndBox(stsd);
        WriteEmptyTable(ref w, "stts"u8);
        WriteEmptyTable(ref w, "stsc"u8);
        var stsz = w.StartFullBox("stsz"u8, 0, 0);
        w.WriteUInt32(0); // sample_size
        w.WriteUInt32(0); // sample_count
        w.EndBox(stsz);
        WriteEmptyTable(ref w, "stco"u8);
        w.EndBox(stbl);

        w.EndBox(minf);
        w.EndBox(mdia);
        w.EndBox(trak);
    }

    private static void WriteEmptyTable(ref Mp4BoxWriter w, ReadOnlySpan<byte> type)
    {
        var box = w.StartFullBox(type, 0, 0);
        w.WriteUInt32(0); // entry_count
        w.EndBox(box);
    }

    private static void WriteTrex(ref Mp4BoxWriter w, uint trackId)
    {
        var trex = w.StartFullBox("trex"u8, 0, 0);
        w.WriteUInt32(trackId);
        w.WriteUInt32(1); // default_sample_description_index
        w.WriteUInt32(0); // default_sample_duration
        w.WriteUInt32(0); // default_sample_size
        w.WriteUInt32(0); // default_sample_flags
        w.EndBox(trex);
    }
}
