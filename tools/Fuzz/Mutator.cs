namespace Streaming.Tools.Fuzz;

/// <summary>Seeded byte mutations: overwrite, bit flip, truncate, insert random bytes, duplicate a slice.</summary>
public sealed class Mutator(Random random)
{
    public byte[] Mutate(byte[] seed)
    {
        var data = (byte[])seed.Clone();
        var edits = random.Next(1, 8);
        for (var i = 0; i < edits; i++)
        {
            if (data.Length == 0) data = [(byte)random.Next(256)];
            switch (random.Next(5))
            {
                case 0: data[random.Next(data.Length)] = (byte)random.Next(256); break;
                case 1: data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8)); break;
                case 2: data = data[..random.Next(data.Length + 1)]; break;
                case 3:
                    var insert = new byte[random.Next(1, 16)];
                    random.NextBytes(insert);
                    var at = random.Next(data.Length + 1);
                    data = [.. data[..at], .. insert, .. data[at..]];
                    break;
                default:
                    var from = random.Next(data.Length);
                    var length = random.Next(1, Math.Min(64, data.Length - from) + 1);
                    var to = random.Next(data.Length + 1);
                    data = [.. data[..to], .. data.AsSpan(from, length), .. data[to..]];
                    break;
            }
        }
        return data;
    }

    public string MutateText(string seed) => System.Text.Encoding.Latin1.GetString(Mutate(System.Text.Encoding.Latin1.GetBytes(seed)));
}
