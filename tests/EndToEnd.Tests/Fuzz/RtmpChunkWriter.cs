namespace Streaming.EndToEnd.Tests.Fuzz;

/// <summary>Writes RTMP messages as chunk streams (type-0 header, then type-3 continuation chunks).</summary>
public static class RtmpChunkWriter
{
    public const int DefaultChunkSize = 128;

    public static byte[] Message(int chunkStreamId, byte typeId, uint streamId, uint timestamp, ReadOnlySpan<byte> payload, int chunkSize = DefaultChunkSize)
    {
        var output = new List<byte>(payload.Length + 32);
        output.Add((byte)(chunkStreamId & 0x3F));
        var ts = Math.Min(timestamp, 0xFFFFFFu);
        output.AddRange([(byte)(ts >> 16), (byte)(ts >> 8), (byte)ts]);
        output.AddRange([(byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length]);
        output.Add(typeId);
        output.AddRange([(byte)streamId, (byte)(streamId >> 8), (byte)(streamId >> 16), (byte)(streamId >> 24)]);
        for (var offset = 0; offset < payload.Length; offset += chunkSize)
        {
            if (offset > 0) output.Add((byte)(0xC0 | (chunkStreamId & 0x3F)));
            output.AddRange(payload.Slice(offset, Math.Min(chunkSize, payload.Length - offset)).ToArray());
        }

        return output.ToArray();
    }

    public static byte[] SetChunkSize(uint size) =>
        Message(2, 1, 0, 0, [(byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size]);

    public static byte[] Connect(int port) => Message(3, 20, 0, 0, new Amf0Writer()
        .String("connect").Number(1).Object(("app", "live"), ("type", "nonprivate"), ("flashVer", "FMLE/3.0"), ("tcUrl", $"rtmp://127.0.0.1:{port}/live"))
        .ToArray());

    public static byte[] CreateStream() => Message(3, 20, 0, 0, new Amf0Writer().String("createStream").Number(2).Null().ToArray());

    public static byte[] Publish(string name) =>
        Message(4, 20, 1, 0, new Amf0Writer().String("publish").Number(3).Null().String(name).String("live").ToArray());
}
