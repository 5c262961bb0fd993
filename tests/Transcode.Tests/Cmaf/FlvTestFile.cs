using System.Buffers.Binary;

namespace Streaming.Transcode.Tests.Cmaf;

/// <summary>Test-only FLV file reader: AVC/AAC sequence headers and frames with their timestamps.</summary>
internal sealed class FlvTestFile
{
    public sealed record VideoTag(int Dts, int CompositionTime, bool IsKeyframe, byte[] Data);
    public sealed record AudioTag(int Timestamp, byte[] Data);

    public byte[]? AvcConfig { get; private set; }
    public byte[]? AudioSpecificConfig { get; private set; }
    public List<VideoTag> Video { get; } = new();
    public List<AudioTag> Audio { get; } = new();

    public static FlvTestFile Read(byte[] file)
    {
        if (file.Length < 13 || file[0] != 'F' || file[1] != 'L' || file[2] != 'V')
            throw new InvalidDataException("not an FLV file");
        var result = new FlvTestFile();
        var pos = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(5)) + 4; // header, PreviousTagSize0
        while (pos + 11 <= file.Length)
        {
            var type = file[pos];
            var size = (file[pos + 1] << 16) | (file[pos + 2] << 8) | file[pos + 3];
            var timestamp = (file[pos + 7] << 24) | (file[pos + 4] << 16) | (file[pos + 5] << 8) | file[pos + 6];
            var data = file.AsSpan(pos + 11, size);
            if (type == 9) result.AddVideo(timestamp, data);
            else if (type == 8) result.AddAudio(timestamp, data);
            pos += 11 + size + 4; // tag, PreviousTagSize
        }
        return result;
    }

    private void AddVideo(int timestamp, ReadOnlySpan<byte> data)
    {
        if ((data[0] & 0x0F) != 7) throw new InvalidDataException("not AVC");
        var frameType = data[0] >> 4;
        var cts = (data[2] << 16) | (data[3] << 8) | data[4];
        if ((cts & 0x800000) != 0) cts |= unchecked((int)0xFF000000);
        switch (data[1])
        {
            case 0:
                AvcConfig = data[5..].ToArray();
                break;
            case 1:
                Video.Add(new VideoTag(timestamp, cts, frameType == 1, data[5..].ToArray()));
                break;
        }
    }

    private void AddAudio(int timestamp, ReadOnlySpan<byte> data)
    {
        if (data[0] >> 4 != 10) throw new InvalidDataException("not AAC");
        if (data[1] == 0) AudioSpecificConfig = data[2..].ToArray();
        else Audio.Add(new AudioTag(timestamp, data[2..].ToArray()));
    }
}
