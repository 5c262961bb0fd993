using System.Buffers.Binary;
using System.Text;

namespace Streaming.Shared.Tests.Codecs;

/// <summary>Test-only MP4 box lookups to pull avcC / esds payloads out of ffmpeg output.</summary>
internal static class Mp4Boxes
{
    private static readonly string[] Containers = ["moov", "trak", "mdia", "minf", "stbl"];

    /// <summary>Payload of the first box of <paramref name="type"/> under moov/trak/mdia/minf/stbl/stsd/(sample entry).</summary>
    public static byte[] FindInSampleEntry(byte[] file, string type)
    {
        var stbl = Descend(file, Containers);
        var stsd = Child(stbl, "stsd");
        var entry = stsd[8..]; // version/flags, entry_count
        var entryType = Encoding.ASCII.GetString(entry.AsSpan(4, 4));
        var headerLength = entryType switch
        {
            "avc1" or "avc3" => 8 + 78,
            "mp4a" => 8 + 28,
            _ => throw new InvalidOperationException($"unexpected sample entry {entryType}"),
        };
        var size = (int)BinaryPrimitives.ReadUInt32BigEndian(entry);
        return Child(entry[headerLength..size], type);
    }

    /// <summary>The AudioSpecificConfig inside an esds payload (ES_Descriptor / DecoderConfigDescriptor / DecoderSpecificInfo).</summary>
    public static byte[] AscFromEsds(byte[] esds)
    {
        var pos = 4;
        while (pos < esds.Length)
        {
            var tag = esds[pos++];
            var length = 0;
            byte b;
            do
            {
                b = esds[pos++];
                length = (length << 7) | (b & 0x7F);
            } while ((b & 0x80) != 0);
            switch (tag)
            {
                case 0x03:
                    var flags = esds[pos + 2];
                    pos += 3;
                    if ((flags & 0x80) != 0) pos += 2;
                    if ((flags & 0x40) != 0) pos += 1 + esds[pos];
                    if ((flags & 0x20) != 0) pos += 2;
                    break;
                case 0x04:
                    pos += 13;
                    break;
                case 0x05:
                    return esds[pos..(pos + length)];
                default:
                    pos += length;
                    break;
            }
        }
        throw new InvalidOperationException("no DecoderSpecificInfo");
    }

    private static byte[] Descend(byte[] data, string[] path)
    {
        var current = data;
        foreach (var type in path) current = Child(current, type);
        return current;
    }

    private static byte[] Child(byte[] data, string type)
    {
        var pos = 0;
        while (pos + 8 <= data.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            var header = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(pos + 8));
                header = 16;
            }
            else if (size == 0)
            {
                size = data.Length - pos;
            }
            if (Encoding.ASCII.GetString(data, pos + 4, 4) == type)
                return data[(pos + header)..(pos + (int)size)];
            pos += (int)size;
        }
        throw new InvalidOperationException($"box {type} not found");
    }
}
