using System.Buffers.Binary;

namespace Streaming.Bench.PartLatency;

/// <summary>Reads what the benchmark needs from CMAF boxes: track handlers/timescales from init.mp4, runs from moof.</summary>
public static class Mp4Reader
{
    /// <summary>track_ID to (handler type, timescale) from an init segment.</summary>
    public static Dictionary<uint, (string Handler, uint Timescale)> ReadTracks(ReadOnlySpan<byte> init)
    {
        var result = new Dictionary<uint, (string, uint)>();
        foreach (var (type, moov) in Boxes(init))
        {
            if (type != "moov") continue;
            foreach (var (t, trak) in Boxes(moov.Span))
            {
                if (t != "trak") continue;
                uint id = 0, timescale = 0;
                var handler = "";
                foreach (var (tt, box) in Boxes(trak.Span))
                {
                    var b = box.Span;
                    if (tt == "tkhd") id = BinaryPrimitives.ReadUInt32BigEndian(b[(b[0] == 1 ? 20 : 12)..]);
                    if (tt != "mdia") continue;
                    foreach (var (mt, m) in Boxes(b))
                    {
                        var s = m.Span;
                        if (mt == "mdhd") timescale = BinaryPrimitives.ReadUInt32BigEndian(s[(s[0] == 1 ? 20 : 12)..]);
                        if (mt == "hdlr") handler = System.Text.Encoding.ASCII.GetString(s.Slice(8, 4));
                    }
                }
                result[id] = (handler, timescale);
            }
        }
        return result;
    }

    /// <summary>The track runs of every traf in every moof of a part or segment.</summary>
    public static List<TrackRun> ReadRuns(ReadOnlySpan<byte> fragment)
    {
        var runs = new List<TrackRun>();
        foreach (var (type, moof) in Boxes(fragment))
        {
            if (type != "moof") continue;
            foreach (var (t, traf) in Boxes(moof.Span))
            {
                if (t != "traf") continue;
                uint trackId = 0, defaultDuration = 0;
                long baseTime = 0, duration = 0;
                var count = 0;
                foreach (var (tt, box) in Boxes(traf.Span))
                {
                    var b = box.Span;
                    var flags = (b[1] << 16) | (b[2] << 8) | b[3];
                    switch (tt)
                    {
                        case "tfhd":
                        {
                            trackId = BinaryPrimitives.ReadUInt32BigEndian(b[4..]);
                            var p = 8;
                            if ((flags & 0x01) != 0) p += 8;
                            if ((flags & 0x02) != 0) p += 4;
                            if ((flags & 0x08) != 0) defaultDuration = BinaryPrimitives.ReadUInt32BigEndian(b[p..]);
                            break;
                        }
                        case "tfdt":
                            baseTime = b[0] == 1 ? (long)BinaryPrimitives.ReadUInt64BigEndian(b[4..]) : BinaryPrimitives.ReadUInt32BigEndian(b[4..]);
                            break;
                        case "trun":
                        {
                            var n = (int)BinaryPrimitives.ReadUInt32BigEndian(b[4..]);
                            var p = 8;
                            if ((flags & 0x01) != 0) p += 4;
                            if ((flags & 0x04) != 0) p += 4;
                            for (var i = 0; i < n; i++)
                            {
                                if ((flags & 0x100) != 0) { duration += BinaryPrimitives.ReadUInt32BigEndian(b[p..]); p += 4; }
                                else duration += defaultDuration;
                                if ((flags & 0x200) != 0) p += 4;
                                if ((flags & 0x400) != 0) p += 4;
                                if ((flags & 0x800) != 0) p += 4;
                            }
                            count += n;
                            break;
                        }
                    }
                }
                runs.Add(new TrackRun(trackId, baseTime, count, duration));
            }
        }
        return runs;
    }

    /// <summary>Top-level boxes of <paramref name="data"/> as (type, payload after the header).</summary>
    private static List<(string Type, ReadOnlyMemory<byte> Payload)> Boxes(ReadOnlySpan<byte> data)
    {
        var list = new List<(string, ReadOnlyMemory<byte>)>();
        var copy = data.ToArray();
        var pos = 0;
        while (pos + 8 <= copy.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(copy, pos + 4, 4);
            var header = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(copy.AsSpan(pos + 8));
                header = 16;
            }
            else if (size == 0)
            {
                size = copy.Length - pos;
            }
            if (size < header || pos + size > copy.Length) break;
            list.Add((type, copy.AsMemory(pos + header, (int)size - header)));
            pos += (int)size;
        }
        return list;
    }
}
