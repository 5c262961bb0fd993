using System.Buffers.Binary;
using Streaming.Transcode.FFmpeg.Bitstream;

namespace Streaming.Transcode.Tests.FFmpeg;

/// <summary>Test-only: turns an avcC record plus AVCC access units back into an Annex B file for ffprobe.</summary>
internal static class AvccToAnnexB
{
    private static readonly byte[] StartCode = [0, 0, 0, 1];

    public static byte[] Write(byte[] avcC, IEnumerable<byte[]> accessUnits)
    {
        using var output = new MemoryStream();
        var offset = 6;
        var spsCount = avcC[5] & 0x1F;
        for (var i = 0; i < spsCount; i++) offset = CopyParameterSet(avcC, offset, output);
        var ppsCount = avcC[offset++];
        for (var i = 0; i < ppsCount; i++) offset = CopyParameterSet(avcC, offset, output);
        foreach (var unit in accessUnits)
        {
            var o = 0;
            while (Avcc.TryReadNal(unit, ref o, out var nal))
            {
                output.Write(StartCode);
                output.Write(nal);
            }
        }
        return output.ToArray();
    }

    private static int CopyParameterSet(byte[] avcC, int offset, Stream output)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(avcC.AsSpan(offset));
        output.Write(StartCode);
        output.Write(avcC, offset + 2, length);
        return offset + 2 + length;
    }
}
