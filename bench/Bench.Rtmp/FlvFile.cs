using System.Buffers.Binary;

namespace Streaming.Bench.Rtmp;

/// <summary>An FLV file read fully into memory, tags in file order.</summary>
public sealed class FlvFile
{
    private FlvFile(IReadOnlyList<FlvTag> tags)
    {
        Tags = tags;
        var video = tags.Where(t => t.IsVideo && !t.IsSequenceHeader).Select(t => (long)t.TimestampMs).ToArray();
        var lastAudio = tags.Where(t => t.IsAudio).Select(t => (long)t.TimestampMs).DefaultIfEmpty(0).Max();
        // One loop lasts one average video frame past the last video frame, so video stays evenly spaced across the
        // wrap; audio tags at or after that point are not sent (the next loop's audio takes over).
        LoopDurationMs = video.Length > 1
            ? video[0] + (long)Math.Round((video[^1] - video[0]) * (double)video.Length / (video.Length - 1))
            : lastAudio + 21;
        var bytes = tags.Where(t => t.IsMedia && t.TimestampMs < LoopDurationMs).Sum(t => (long)t.Data.Length);
        MediaBytesPerSecond = bytes * 1000.0 / LoopDurationMs;
    }

    public IReadOnlyList<FlvTag> Tags { get; }
    public long LoopDurationMs { get; }
    public double MediaBytesPerSecond { get; }

    public static FlvFile Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 13 || bytes[0] != 'F' || bytes[1] != 'L' || bytes[2] != 'V') throw new InvalidDataException("not an FLV file: " + path);
        var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)) + 4;
        var tags = new List<FlvTag>();
        while (offset + 11 <= bytes.Length)
        {
            var type = (byte)(bytes[offset] & 0x1F);
            var size = (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
            var ts = (uint)((bytes[offset + 7] << 24) | (bytes[offset + 4] << 16) | (bytes[offset + 5] << 8) | bytes[offset + 6]);
            if (offset + 11 + size > bytes.Length) break;
            tags.Add(new FlvTag(type, ts, bytes.AsSpan(offset + 11, size).ToArray()));
            offset += 11 + size + 4;
        }
        return new FlvFile(tags);
    }
}
