using System.Buffers;
using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Chunks;

namespace Streaming.Ingest.Rtmp.Server;

/// <summary>Builds AMF0 command messages (_result, onStatus, onFCPublish) and writes them as chunks. Pure.</summary>
public static class RtmpCommandWriter
{
    /// <summary>Chunk stream for NetConnection commands.</summary>
    public const uint CommandChunkStream = 3;
    /// <summary>Chunk stream for NetStream status messages.</summary>
    public const uint StatusChunkStream = 5;

    public static void WriteCommand(ChunkWriter writer, IBufferWriter<byte> output, uint chunkStreamId, uint streamId,
        string name, double transactionId, params AmfValue[] arguments)
    {
        var payload = new ArrayBufferWriter<byte>(256);
        AmfWriter.WriteString(payload, name);
        AmfWriter.WriteNumber(payload, transactionId);
        foreach (var argument in arguments) AmfWriter.WriteValue(payload, argument);
        writer.WriteMessage(output, chunkStreamId, RtmpMessageType.CommandAmf0, 0, streamId, payload.WrittenSpan);
    }

    public static void WriteConnectResult(ChunkWriter writer, IBufferWriter<byte> output, double transactionId, double objectEncoding) =>
        WriteCommand(writer, output, CommandChunkStream, 0, "_result", transactionId,
            AmfValue.Object(
                AmfValue.Property("fmsVer", "FMS/3,5,7,7009"),
                AmfValue.Property("capabilities", 31),
                AmfValue.Property("mode", 1)),
            AmfValue.Object(
                AmfValue.Property("level", "status"),
                AmfValue.Property("code", "NetConnection.Connect.Success"),
                AmfValue.Property("description", "Connection succeeded."),
                AmfValue.Property("objectEncoding", objectEncoding)));

    /// <summary>_result with a null command object and one value (e.g. the new stream id), or undefined.</summary>
    public static void WriteResult(ChunkWriter writer, IBufferWriter<byte> output, double transactionId, AmfValue? value = null) =>
        WriteCommand(writer, output, CommandChunkStream, 0, "_result", transactionId, AmfValue.Null, value ?? AmfValue.Undefined);

    public static void WriteOnStatus(ChunkWriter writer, IBufferWriter<byte> output, uint streamId, string level, string code,
        string description, string? details = null)
    {
        var info = new List<KeyValuePair<string, AmfValue>>
        {
            AmfValue.Property("level", level),
            AmfValue.Property("code", code),
            AmfValue.Property("description", description),
        };
        if (details is not null) info.Add(AmfValue.Property("details", details));
        WriteCommand(writer, output, StatusChunkStream, streamId, "onStatus", 0, AmfValue.Null, AmfValue.Object(info));
    }

    public static void WriteOnFcPublish(ChunkWriter writer, IBufferWriter<byte> output, string name) =>
        WriteCommand(writer, output, CommandChunkStream, 0, "onFCPublish", 0, AmfValue.Null,
            AmfValue.Object(
                AmfValue.Property("code", "NetStream.Publish.Start"),
                AmfValue.Property("description", name)));
}
