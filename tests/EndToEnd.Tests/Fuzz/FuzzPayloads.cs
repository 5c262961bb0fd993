namespace Streaming.EndToEnd.Tests.Fuzz;

/// <summary>Deterministic (seeded) hostile inputs for the RTMP port. Pure: bytes in, bytes out.</summary>
public static class FuzzPayloads
{
    public const int HandshakeSize = 1536;

    public static bool NeedsHandshake(FuzzCase fuzzCase) =>
        fuzzCase is FuzzCase.GarbageChunks or FuzzCase.MutatedConnect or FuzzCase.ExtremeChunkSizes or FuzzCase.GarbageMediaAfterPublish;

    /// <summary>Bytes sent right after connecting (for handshake cases: C0+C1).</summary>
    public static byte[] Opening(FuzzCase fuzzCase, Random random) => fuzzCase switch
    {
        FuzzCase.RandomBytes => RandomBytes(random, random.Next(1, 8192)),
        FuzzCase.WrongVersionByte => [(byte)(random.Next(4, 256)), .. RandomBytes(random, HandshakeSize)],
        FuzzCase.TruncatedHandshake => [3, .. RandomBytes(random, random.Next(0, HandshakeSize))],
        FuzzCase.MutatedHandshake => Mutate(random, [3, .. ClientHello(random), .. RandomBytes(random, HandshakeSize)]),
        FuzzCase.Trickle => [3, .. RandomBytes(random, 40)],
        _ => [3, .. ClientHello(random)],
    };

    /// <summary>Bytes sent after a completed handshake.</summary>
    public static byte[] AfterHandshake(FuzzCase fuzzCase, Random random, int port) => fuzzCase switch
    {
        FuzzCase.GarbageChunks => GarbageChunks(random),
        FuzzCase.MutatedConnect => Mutate(random, RtmpChunkWriter.Connect(port)),
        FuzzCase.ExtremeChunkSizes =>
        [
            .. RtmpChunkWriter.SetChunkSize(ExtremeChunkSize(random)),
            .. RtmpChunkWriter.Connect(port),
            .. RandomBytes(random, random.Next(0, 4096)),
        ],
        FuzzCase.GarbageMediaAfterPublish =>
        [
            .. RtmpChunkWriter.Connect(port),
            .. RtmpChunkWriter.CreateStream(),
            .. RtmpChunkWriter.Publish("fuzz" + random.Next(0, 4)),
            .. GarbageMedia(random),
        ],
        _ => [],
    };

    public static byte[] ClientHello(Random random)
    {
        var c1 = RandomBytes(random, HandshakeSize);
        Array.Clear(c1, 0, 8); // time 0, zero field 0: a plain (digest-less) handshake.
        return c1;
    }

    /// <summary>Bit flips, byte overwrites, insertions, deletions and truncation.</summary>
    public static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = new List<byte>(input);
        var mutations = random.Next(1, 12);
        for (var i = 0; i < mutations && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.InsertRange(at, RandomBytes(random, random.Next(1, 64))); break;
                case 3: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 64))); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }

        return bytes.ToArray();
    }

    private static byte[] GarbageChunks(Random random)
    {
        var output = new List<byte>();
        var count = random.Next(1, 40);
        for (var i = 0; i < count; i++)
        {
            var format = random.Next(4);
            var basic = random.Next(3) switch
            {
                0 => new[] { (byte)((format << 6) | 0) , (byte)random.Next(256) },                              // 2-byte csid
                1 => new[] { (byte)((format << 6) | 1), (byte)random.Next(256), (byte)random.Next(256) },        // 3-byte csid
                _ => new[] { (byte)((format << 6) | random.Next(2, 64)) },
            };
            output.AddRange(basic);
            var headerLength = format switch { 0 => 11, 1 => 7, 2 => 3, _ => 0 };
            var header = RandomBytes(random, headerLength);
            if (headerLength >= 3 && random.Next(3) == 0) { header[0] = 0xFF; header[1] = 0xFF; header[2] = 0xFF; } // extended timestamp
            if (headerLength >= 6 && random.Next(2) == 0) { header[3] = 0xFF; header[4] = 0xFF; header[5] = (byte)random.Next(256); } // huge length
            output.AddRange(header);
            if (headerLength >= 3 && header[0] == 0xFF && header[1] == 0xFF && header[2] == 0xFF) output.AddRange(RandomBytes(random, 4));
            output.AddRange(RandomBytes(random, random.Next(0, 512)));
        }

        return output.ToArray();
    }

    private static byte[] GarbageMedia(Random random)
    {
        var output = new List<byte>();
        var count = random.Next(1, 30);
        for (var i = 0; i < count; i++)
        {
            var video = random.Next(2) == 0;
            byte[] body = random.Next(4) switch
            {
                0 => [0x17, 0x00, 0, 0, 0, .. Mutate(random, [1, 0x64, 0, 0x1F, 0xFF, 0xE1, 0, 4, 0x67, 0x64, 0, 0x1F, 1, 0, 4, 0x68, 0xEE, 0x3C, 0x80])],
                1 => [0x17, 0x01, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, .. RandomBytes(random, random.Next(0, 256))],
                2 => [0xAF, (byte)random.Next(2), .. RandomBytes(random, random.Next(0, 16))],
                _ => RandomBytes(random, random.Next(0, 1024)),
            };
            output.AddRange(RtmpChunkWriter.Message(video ? 6 : 5, (byte)(video ? 9 : 8), 1, (uint)(i * 33), body));
        }

        return output.ToArray();
    }

    private static uint ExtremeChunkSize(Random random) => random.Next(6) switch
    {
        0 => 0u,
        1 => 1u,
        2 => 0x7FFFFFFFu,
        3 => 0xFFFFFFFFu,
        4 => 0x80000000u,
        _ => (uint)random.Next(),
    };

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
