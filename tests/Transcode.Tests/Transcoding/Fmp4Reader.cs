using System.Buffers.Binary;
using System.Text;

namespace Streaming.Transcode.Tests.Transcoding;

/// <summary>
/// Test-only ISO BMFF reading: the video track of an init segment (tkhd id, mdhd timescale) and the
/// presentation time of a segment's first video sample (tfdt + the first trun composition offset).
/// </summary>
internal static class Fmp4Reader
{
    public sealed record VideoTrack(uint TrackId, uint Timescale);

    public static VideoTrack FindVideoTrack(byte[] init)
    {
        var moov = Child(init, 0, init.Length, "moov") ?? throw new InvalidDataException("no moov");
        foreach (var trak in Children(init, moov.Start, moov.End, "trak"))
        {
            var mdia = Child(init, trak.Start, trak.End, "mdia") ?? throw new InvalidDataException("no mdia");
            var hdlr = Child(init, mdia.Start, mdia.End, "hdlr") ?? throw new InvalidDataException("no hdlr");
            if (Encoding.ASCII.GetString(init, hdlr.Start + 8, 4) != "vide") continue;
            var tkhd = Child(init, trak.Start, trak.End, "tkhd") ?? throw new InvalidDataException("no tkhd");
            var mdhd = Child(init, mdia.Start, mdia.End, "mdhd") ?? throw new InvalidDataException("no mdhd");
            var tkhdV1 = init[tkhd.Start] == 1;
            var mdhdV1 = init[mdhd.Start] == 1;
            var trackId = BinaryPrimitives.ReadUInt32BigEndian(init.AsSpan(tkhd.Start + (tkhdV1 ? 20 : 12)));
            var timescale = BinaryPrimitives.ReadUInt32BigEndian(init.AsSpan(mdhd.Start + (mdhdV1 ? 20 : 12)));
            return new VideoTrack(trackId, timescale);
        }
        throw new InvalidDataException("no video track");
    }

    /// <summary>Presentation time (track timescale) of the first sample of <paramref name="trackId"/> in the segment's first moof.</summary>
    public static long FirstSamplePts(byte[] segment, uint trackId)
    {
        var moof = Child(segment, 0, segment.Length, "moof") ?? throw new InvalidDataException("no moof");
        foreach (var traf in Children(segment, moof.Start, moof.End, "traf"))
        {
            var tfhd = Child(segment, traf.Start, traf.End, "tfhd") ?? throw new InvalidDataException("no tfhd");
            if (BinaryPrimitives.ReadUInt32BigEndian(segment.AsSpan(tfhd.Start + 4)) != trackId) continue;
            var tfdt = Child(segment, traf.Start, traf.End, "tfdt") ?? throw new InvalidDataException("no tfdt");
            var baseTime = segment[tfdt.Start] == 1
                ? (long)BinaryPrimitives.ReadUInt64BigEndian(segment.AsSpan(tfdt.Start + 4))
                : BinaryPrimitives.ReadUInt32BigEndian(segment.AsSpan(tfdt.Start + 4));
            var trun = Child(segment, traf.Start, traf.End, "trun") ?? throw new InvalidDataException("no trun");
            var version = segment[trun.Start];
            var flags = BinaryPrimitives.ReadUInt32BigEndian(segment.AsSpan(trun.Start)) & 0xFFFFFF;
            if ((flags & 0x800) == 0) return baseTime;
            var p = trun.Start + 8;
            if ((flags & 0x001) != 0) p += 4;
            if ((flags & 0x004) != 0) p += 4;
            if ((flags & 0x100) != 0) p += 4;
            if ((flags & 0x200) != 0) p += 4;
            if ((flags & 0x400) != 0) p += 4;
            var raw = BinaryPrimitives.ReadUInt32BigEndian(segment.AsSpan(p));
            return baseTime + (version == 1 ? unchecked((int)raw) : raw);
        }
        throw new InvalidDataException($"no traf for track {trackId}");
    }

    private readonly record struct Box(int Start, int End);

    private static Box? Child(byte[] data, int start, int end, string type) => Children(data, start, end, type).Cast<Box?>().FirstOrDefault();

    /// <summary>Children of the given type; Start is the first byte after the 8-byte header.</summary>
    private static IEnumerable<Box> Children(byte[] data, int start, int end, string type)
    {
        var pos = start;
        while (pos + 8 <= end)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            if (size < 8 || pos + size > end) throw new InvalidDataException($"bad box size {size} at {pos}");
            if (Encoding.ASCII.GetString(data, pos + 4, 4) == type) yield return new Box(pos + 8, pos + size);
            pos += size;
        }
    }
}
