using System.Buffers;
using Streaming.Ingest.Rtmp.Amf;

namespace Streaming.Tools.Fuzz.Targets;

/// <summary>
/// The input as the body of an AMF0 command or data message through <see cref="AmfReader.ReadAll"/>.
/// Invariants: a documented status; no more values than bytes; when it decodes, writing the values with
/// <see cref="AmfWriter"/> and reading them again gives the same values (the decoded model is complete).
/// </summary>
public static class Amf0Target
{
    public static void Run(ReadOnlySpan<byte> input)
    {
        var values = new List<AmfValue>();
        var status = AmfReader.ReadAll(input, values);
        Invariant.Defined(status);
        Invariant.Check(values.Count <= input.Length, "more values than bytes");
        if (status != AmfReadStatus.Ok) return;

        var written = new ArrayBufferWriter<byte>(input.Length + 16);
        foreach (var value in values) AmfWriter.WriteValue(written, value);
        var again = new List<AmfValue>();
        Invariant.Check(AmfReader.ReadAll(written.WrittenSpan, again) == AmfReadStatus.Ok, "written values do not decode");
        Invariant.Check(again.Count == values.Count, "value count changed in a round trip");
        for (var i = 0; i < values.Count; i++) Invariant.Check(Same(values[i], again[i]), $"value {i} changed in a round trip");
    }

    private static bool Same(AmfValue a, AmfValue b)
    {
        var sameType = a.Type == b.Type || (a.IsString && b.IsString);
        if (!sameType || BitConverter.DoubleToInt64Bits(a.Number) != BitConverter.DoubleToInt64Bits(b.Number)
            || a.Boolean != b.Boolean || a.String != b.String || a.TimeZone != b.TimeZone
            || a.Properties.Count != b.Properties.Count || a.Items.Count != b.Items.Count)
            return false;
        for (var i = 0; i < a.Properties.Count; i++)
        {
            if (a.Properties[i].Key != b.Properties[i].Key || !Same(a.Properties[i].Value, b.Properties[i].Value)) return false;
        }
        for (var i = 0; i < a.Items.Count; i++)
        {
            if (!Same(a.Items[i], b.Items[i])) return false;
        }
        return true;
    }
}
