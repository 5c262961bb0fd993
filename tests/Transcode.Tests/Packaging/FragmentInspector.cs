using System.Buffers.Binary;
using System.Text;

namespace Streaming.Transcode.Tests.Packaging;

/// <summary>Reads back what a CMAF fragment says per track: base decode time, sample count and durations.</summary>
internal static class FragmentInspector
{
    public sealed record Track(uint TrackId, long BaseDecodeTime, int SampleCount, long TotalDuration, bool FirstIsSync);

    public static List<Track> Read(ReadOnlySpan<byte> fragment)
    {
        var tracks = new List<Track>();
        var pos = 0;
        while (pos + 8 <= fragment.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(fragment[pos..]);
            var type = Encoding.ASCII.GetString(fragment.Slice(pos + 4, 4));
            if (type == "moof") ReadMoof(fragment.Slice(pos + 8, size - 8), tracks);
            pos += size;
        }
        if (pos != fragment.Length) throw new InvalidOperationException("trailing bytes");
        return tracks;
    }

    private static void ReadMoof(ReadOnlySpan<byte> moof, List<Track> tracks)
    {
        var pos = 0;
        while (pos < moof.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(moof[pos..]);
            if (Encoding.ASCII.GetString(moof.Slice(pos + 4, 4)) == "traf") tracks.Add(ReadTraf(moof.Slice(pos + 8, size - 8)));
            pos += size;
        }
    }

    private static Track ReadTraf(ReadOnlySpan<byte> traf)
    {
        uint trackId = 0, defaultFlags = 0;
        long baseTime = 0, total = 0;
        int count = 0;
        bool firstSync = false;
        var pos = 0;
        while (pos < traf.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(traf[pos..]);
            var type = Encoding.ASCII.GetString(traf.Slice(pos + 4, 4));
            var body = traf.Slice(pos + 8, size - 8);
            var version = body[0];
            var flags = BinaryPrimitives.ReadUInt32BigEndian(body) & 0xFFFFFF;
            switch (type)
            {
                case "tfhd":
                {
                    trackId = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                    var p = 8;
                    if ((flags & 0x01) != 0) p += 8;
                    if ((flags & 0x02) != 0) p += 4;
                    if ((flags & 0x08) != 0) p += 4;
                    if ((flags & 0x10) != 0) p += 4;
                    if ((flags & 0x20) != 0) defaultFlags = BinaryPrimitives.ReadUInt32BigEndian(body[p..]);
                    break;
                }
                case "tfdt":
                    baseTime = version == 1 ? (long)BinaryPrimitives.ReadUInt64BigEndian(body[4..]) : BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                    break;
                case "trun":
                {
                    count = (int)BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                    var p = 8;
                    if ((flags & 0x01) != 0) p += 4;
                    uint firstFlags = defaultFlags;
                    if ((flags & 0x04) != 0) { firstFlags = BinaryPrimitives.ReadUInt32BigEndian(body[p..]); p += 4; }
                    for (var i = 0; i < count; i++)
                    {
                        if ((flags & 0x100) != 0) { total += BinaryPrimitives.ReadUInt32BigEndian(body[p..]); p += 4; }
                        if ((flags & 0x200) != 0) p += 4;
                        if ((flags & 0x400) != 0) { if (i == 0) firstFlags = BinaryPrimitives.ReadUInt32BigEndian(body[p..]); p += 4; }
                        if ((flags & 0x800) != 0) p += 4;
                    }
                    firstSync = (firstFlags & 0x0001_0000) == 0;
                    break;
                }
            }
            pos += size;
        }
        return new Track(trackId, baseTime, count, total, firstSync);
    }
}
