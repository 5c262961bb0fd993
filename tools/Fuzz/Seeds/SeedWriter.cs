using System.Buffers;
using System.Text;
using Streaming.Archive.Hls;
using Streaming.Ingest.Rtmp.Amf;
using Streaming.Shared.Hls;
using Streaming.Shared.Link;
using Streaming.Shared.Media;
using Streaming.Transcode.Hls;
using HlsMediaPlaylist = Streaming.Transcode.Hls.MediaPlaylist;

namespace Streaming.Tools.Fuzz.Seeds;

/// <summary>
/// Writes the seed inputs made by the project's own writers: link messages from <see cref="LinkCodec"/>, AMF
/// commands from <see cref="AmfWriter"/>, playlists from the origin's and the archive's playlist writers, request
/// lines. The recorded seeds (an ffmpeg RTMP session start, FLV files, x264 SPS) come from bench/fuzz/record-seeds.sh.
/// </summary>
public static class SeedWriter
{
    /// <summary>avcC and AudioSpecificConfig ffmpeg wrote for a 64x64 x264 (ultrafast) + AAC-LC 48 kHz stereo FLV.</summary>
    private static readonly byte[] Avcc = Convert.FromHexString(
        "0142C00AFFE100166742C00ADA109B0110000003001000000303C8F1226A01000468CE0FC8");
    private static readonly byte[] Asc = Convert.FromHexString("119056E500");

    public static void WriteAll(string dir)
    {
        WriteLink(Path.Combine(dir, "link"));
        WriteAmf(Path.Combine(dir, "amf0"));
        WritePlaylists(Path.Combine(dir, "playlist"));
        WriteRequests(Path.Combine(dir, "http-request"));
    }

    private static void WriteLink(string dir)
    {
        var hello = new LinkHello("cam", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), "127.0.0.1:50000", 1_700_000_000_000_000);
        var tracks = new StreamTracks(
            new TrackInfo { Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = Avcc, Width = 64, Height = 64, FrameRate = 30, AnnouncedBitrate = 500_000 },
            new TrackInfo { Kind = TrackKind.Audio, Codec = CodecId.Aac, CodecConfig = Asc, SampleRate = 48_000, Channels = 2, AnnouncedBitrate = 128_000 });
        var key = SharedBuffer.CopyOf(Convert.FromHexString("0000000A65888040002BFFFE"));
        var audio = SharedBuffer.CopyOf(Convert.FromHexString("21100502"));
        var keyFrame = new MediaFrame(TrackKind.Video, FrameFlags.Keyframe, 0, 3000, 1_700_000_000_000_000, key, 0, key.Length);
        var audioFrame = new MediaFrame(TrackKind.Audio, FrameFlags.Keyframe, 1920, 1920, 1_700_000_000_020_000, audio, 0, audio.Length);

        var nonce = new byte[LinkProof.NonceLength];
        var proof = new byte[LinkProof.Length];
        LinkProof.Compute("secret"u8, nonce, hello, proof);
        Write(dir, "challenge", Link(w => LinkCodec.WriteChallenge(w, nonce)));
        Write(dir, "hello", Link(w => LinkCodec.WriteHello(w, hello, proof)));
        Write(dir, "accept", Link(LinkCodec.WriteAccept));
        Write(dir, "tracks", Link(w => LinkCodec.WriteTracks(w, tracks)));
        Write(dir, "frame-video", Link(w => LinkCodec.WriteFrame(w, keyFrame)));
        Write(dir, "session", Link(w =>
        {
            LinkCodec.WriteHello(w, hello, proof);
            LinkCodec.WriteTracks(w, tracks);
            LinkCodec.WriteFrame(w, keyFrame);
            LinkCodec.WriteFrame(w, audioFrame);
            LinkCodec.WriteSessionEnd(w);
        }));
    }

    /// <summary>A link byte stream with the target's leading split byte (0x80: split in the middle).</summary>
    private static byte[] Link(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write(new byte[] { 0x80 });
        write(output);
        return output.WrittenSpan.ToArray();
    }

    private static void WriteAmf(string dir)
    {
        Write(dir, "connect", Amf(AmfValue.FromString("connect"), AmfValue.FromNumber(1), AmfValue.Object(
            AmfValue.Property("app", "live"), AmfValue.Property("type", "nonprivate"), AmfValue.Property("flashVer", "FMLE/3.0 (compatible; FMSc/1.0)"),
            AmfValue.Property("tcUrl", "rtmp://127.0.0.1:1935/live"))));
        Write(dir, "publish", Amf(AmfValue.FromString("publish"), AmfValue.FromNumber(5), AmfValue.Null, AmfValue.FromString("cam?key=abc"), AmfValue.FromString("live")));
        Write(dir, "metadata", Amf(AmfValue.FromString("@setDataFrame"), AmfValue.FromString("onMetaData"), AmfValue.EcmaArray([
            AmfValue.Property("width", 64), AmfValue.Property("height", 64), AmfValue.Property("framerate", 30),
            AmfValue.Property("videodatarate", 500), AmfValue.Property("audiodatarate", 128), AmfValue.Property("encoder", "Lavf61.7.100"),
            AmfValue.Property("stereo", AmfValue.FromBoolean(true))])));
        Write(dir, "mixed", Amf(AmfValue.StrictArray([AmfValue.FromNumber(1), AmfValue.Undefined, AmfValue.FromDate(1.7e12, 60)]),
            AmfValue.FromLongString("long"), AmfValue.Object(AmfValue.Property("nested", AmfValue.Object(AmfValue.Property("k", "v"))))));
    }

    private static byte[] Amf(params AmfValue[] values)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var value in values) AmfWriter.WriteValue(output, value);
        return output.WrittenSpan.ToArray();
    }

    private static void WritePlaylists(string dir)
    {
        const long Second = PlaylistTime.Timescale;
        var instance = new StreamInstance(0x0a1b2c3d4e5f);
        PlaylistPart[] Parts(long msn, int count) =>
            Enumerable.Range(0, count).Select(i => new PlaylistPart(Second / 3, HlsNames.Part(instance, msn, i), i % 3 == 0)).ToArray();
        var segments = Enumerable.Range(4, 10).Select(msn => new PlaylistSegment(msn, HlsNames.Segment(instance, msn), 2 * Second,
            1_700_000_000_000_000 + msn * 2_000_000L, msn == 12, HlsNames.Init(instance, 0), msn >= 12 ? Parts(msn, 6) : [])).ToArray();
        var media = new HlsMediaPlaylist
        {
            TargetDuration = 2, PartTarget = Second / 3, MediaSequence = 4, DiscontinuitySequence = 0, Segments = segments,
            OpenSegment = new PlaylistSegment(14, null, 0, 1_700_000_028_000_000, false, HlsNames.Init(instance, 0), Parts(14, 2)),
            FirstMsnWithParts = 12, PreloadHintUri = HlsNames.Part(instance, 14, 2),
            RenditionReports = [new RenditionReport(HlsNames.SiblingPlaylist("360p"), 14, 1)],
        };
        Write(dir, "origin-media", Encoding.UTF8.GetBytes(MediaPlaylistWriter.Write(media)));
        Write(dir, "origin-media-skip", Encoding.UTF8.GetBytes(MediaPlaylistWriter.Write(media, skip: true)));
        Write(dir, "origin-multivariant", Encoding.UTF8.GetBytes(MasterPlaylistWriter.Write(new MasterPlaylist([
            new VariantStream(HlsNames.RenditionPlaylist("source"), 2_000_000, 1_800_000, "avc1.64001f,mp4a.40.2", 1280, 720, 30),
            new VariantStream(HlsNames.RenditionPlaylist("360p"), 800_000, 700_000, "avc1.42c01e,mp4a.40.2", 640, 360, 30)]))));
        var archived = Enumerable.Range(5, 3).Select(msn => new ArchivedSegment(msn, HlsNames.Segment(instance, msn), 2002, HlsNames.Init(instance, 0), "2026-12-04T17:00:0" + msn + ".000Z", msn == 6)).ToArray();
        Write(dir, "archive-media", Encoding.UTF8.GetBytes(ArchivePlaylistWriter.Write(archived, 2, ended: true)));
    }

    private static void WriteRequests(string dir)
    {
        Write(dir, "multivariant", "/live/cam/index.m3u8"u8.ToArray());
        Write(dir, "blocking-playlist", "/live/cam/source/index.m3u8\n14\n2\nv2\n1700000000.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"u8.ToArray());
        Write(dir, "part", "/live/cam/source/0a1b2c3d4e5f-part14.2.m4s"u8.ToArray());
        Write(dir, "segment", "/live/cam/360p/0a1b2c3d4e5f-seg13.m4s"u8.ToArray());
        Write(dir, "init", "/live/cam/source/0a1b2c3d4e5f-init-2.mp4"u8.ToArray());
        Write(dir, "publish-key", "cam?exp=1700000000&sig=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"u8.ToArray());
    }

    private static void Write(string dir, string name, byte[] data)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, name), data);
    }
}
