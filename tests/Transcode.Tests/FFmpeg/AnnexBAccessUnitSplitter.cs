using Streaming.Transcode.FFmpeg.Bitstream;

namespace Streaming.Transcode.Tests.FFmpeg;

/// <summary>
/// Test-only: splits an Annex B elementary stream (progressive, POC type 0, no scaling matrices, as
/// x264 writes it) into access units and computes each unit's display index from the picture order count.
/// </summary>
internal static class AnnexBAccessUnitSplitter
{
    public sealed record Unit(byte[] AnnexB, bool IsIdr, int DisplayIndex);

    private sealed record SpsInfo(int Log2MaxFrameNum, int PocType, int Log2MaxPocLsb, bool FrameMbsOnly, bool SeparateColourPlane);

    public static List<Unit> Split(byte[] stream)
    {
        var boundaries = new List<(int Start, int End)>();
        var offset = 0;
        var unitStart = -1;
        var hasVcl = false;
        while (true)
        {
            var before = offset;
            if (!AnnexB.TryReadNal(stream, ref offset, out var nal)) break;
            var nalStart = StartCodeStart(stream, before);
            var type = AnnexB.NalType(nal);
            var isVcl = type is AnnexB.NalTypeNonIdrSlice or AnnexB.NalTypeIdrSlice;
            var startsUnit = hasVcl && ((type is >= 6 and <= 9) || (isVcl && (nal[1] & 0x80) != 0)); // first_mb_in_slice == 0
            if (unitStart < 0) unitStart = nalStart;
            else if (startsUnit)
            {
                boundaries.Add((unitStart, nalStart));
                unitStart = nalStart;
                hasVcl = false;
            }
            hasVcl |= isVcl;
        }
        if (unitStart >= 0) boundaries.Add((unitStart, stream.Length));

        SpsInfo? sps = null;
        var pocs = new List<(int Gop, int Poc)>();
        var units = new List<(byte[] Bytes, bool Idr)>();
        int gop = -1, prevPocMsb = 0, prevPocLsb = 0;
        foreach (var (start, end) in boundaries)
        {
            var bytes = stream[start..end];
            int? poc = null;
            var idr = false;
            var o = 0;
            while (AnnexB.TryReadNal(bytes, ref o, out var nal))
            {
                var type = AnnexB.NalType(nal);
                if (type == AnnexB.NalTypeSps) sps = ParseSps(nal);
                if (poc is not null || type is not (AnnexB.NalTypeNonIdrSlice or AnnexB.NalTypeIdrSlice)) continue;
                idr = type == AnnexB.NalTypeIdrSlice;
                if (idr)
                {
                    gop++;
                    prevPocMsb = prevPocLsb = 0;
                }
                var lsb = ReadPocLsb(nal, sps ?? throw new InvalidOperationException("Slice before SPS."), idr);
                var max = 1 << sps.Log2MaxPocLsb;
                var msb = lsb < prevPocLsb && prevPocLsb - lsb >= max / 2 ? prevPocMsb + max
                    : lsb > prevPocLsb && lsb - prevPocLsb > max / 2 ? prevPocMsb - max : prevPocMsb;
                poc = msb + lsb;
                if ((nal[0] & 0x60) != 0) (prevPocMsb, prevPocLsb) = (msb, lsb);
            }
            pocs.Add((gop, poc ?? throw new InvalidOperationException("Access unit without a slice.")));
            units.Add((bytes, idr));
        }
        var displayOrder = pocs.Select((p, i) => (p, i)).OrderBy(x => x.p.Gop).ThenBy(x => x.p.Poc).Select(x => x.i).ToList();
        return units.Select((u, i) => new Unit(u.Bytes, u.Idr, displayOrder.IndexOf(i))).ToList();
    }

    /// <summary>Where the start code (3 or 4 bytes) of the NAL unit found after <paramref name="searchFrom"/> begins.</summary>
    private static int StartCodeStart(byte[] stream, int searchFrom)
    {
        var start = searchFrom + stream.AsSpan(searchFrom).IndexOf([(byte)0, (byte)0, (byte)1]);
        return start > 0 && stream[start - 1] == 0 ? start - 1 : start;
    }

    private static SpsInfo ParseSps(ReadOnlySpan<byte> nal)
    {
        var profile = nal[1];
        var r = new RbspBitReader(nal[4..]);
        Require(r.TryReadUe(out _));
        var separate = false;
        if (profile is 100 or 110 or 122 or 244 or 44 or 83 or 86 or 118 or 128 or 138 or 139 or 134 or 135)
        {
            Require(r.TryReadUe(out var chroma));
            if (chroma == 3) { Require(r.TryReadBit(out var s)); separate = s == 1; }
            Require(r.TryReadUe(out _) && r.TryReadUe(out _) && r.TryReadBit(out _));
            Require(r.TryReadBit(out var scaling));
            if (scaling != 0) throw new NotSupportedException("SPS scaling matrices are not supported by this test helper.");
        }
        Require(r.TryReadUe(out var log2MaxFrameNumMinus4));
        Require(r.TryReadUe(out var pocType));
        if (pocType != 0) throw new NotSupportedException("Only POC type 0 is supported by this test helper.");
        Require(r.TryReadUe(out var log2MaxPocLsbMinus4));
        Require(r.TryReadUe(out _) && r.TryReadBit(out _) && r.TryReadUe(out _) && r.TryReadUe(out _));
        Require(r.TryReadBit(out var frameMbsOnly));
        return new SpsInfo((int)log2MaxFrameNumMinus4 + 4, 0, (int)log2MaxPocLsbMinus4 + 4, frameMbsOnly == 1, separate);
    }

    private static int ReadPocLsb(ReadOnlySpan<byte> nal, SpsInfo sps, bool idr)
    {
        var r = new RbspBitReader(nal[1..]);
        Require(r.TryReadUe(out _) && r.TryReadUe(out _) && r.TryReadUe(out _)); // first_mb, slice_type, pps_id
        if (sps.SeparateColourPlane) Require(r.TryReadBits(2, out _));
        Require(r.TryReadBits(sps.Log2MaxFrameNum, out _));
        if (!sps.FrameMbsOnly)
        {
            Require(r.TryReadBit(out var field));
            if (field == 1) throw new NotSupportedException("Field pictures are not supported by this test helper.");
        }
        if (idr) Require(r.TryReadUe(out _));
        Require(r.TryReadBits(sps.Log2MaxPocLsb, out var lsb));
        return (int)lsb;
    }

    private static void Require(bool ok)
    {
        if (!ok) throw new InvalidOperationException("Truncated H.264 header.");
    }
}
