using System.Diagnostics;
using Streaming.Tools.Fuzz;

// Seeded mutation fuzzing of the pure parsers (RTMP chunks, AMF0, FLV, handshake, playlist requests, HLS names,
// edge requests, tokens). Usage: dotnet run --project tools/Fuzz -c Release -- [--seed N] [--iterations N] [--max-mb N]
// Stops by itself after the iterations; exit 0 = no crash and managed memory stayed under --max-mb, 1 otherwise.
var seed = 1;
long iterations = 2_000_000;
long maxMb = 256;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--seed": seed = int.Parse(args[i + 1]); break;
        case "--iterations": iterations = long.Parse(args[i + 1]); break;
        case "--max-mb": maxMb = long.Parse(args[i + 1]); break;
    }
}

var random = new Random(seed);
var mutator = new Mutator(random);
var clock = Stopwatch.StartNew();
var crashes = 0;
long peak = 0;
for (long n = 0; n < iterations; n++)
{
    var target = ParserTargets.Names[n % ParserTargets.Names.Length];
    try
    {
        ParserTargets.Run(target, mutator, random);
    }
    catch (Exception ex)
    {
        crashes++;
        Console.WriteLine($"CRASH seed={seed} iteration={n} target={target}: {ex.GetType().Name}: {ex.Message}");
        if (crashes >= 20) break;
    }
    if (n % 200_000 == 0)
    {
        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
        Console.WriteLine($"{n,12:N0} inputs  {clock.Elapsed.TotalSeconds,7:F1}s  managed {peak / (1024 * 1024)} MB peak  crashes {crashes}");
    }
}
peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
Console.WriteLine($"done: {iterations:N0} inputs in {clock.Elapsed.TotalSeconds:F1}s, seed {seed}, crashes {crashes}, managed peak {peak / (1024 * 1024)} MB");
return crashes == 0 && peak <= maxMb * 1024 * 1024 ? 0 : 1;
