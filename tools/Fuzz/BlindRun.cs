using System.Diagnostics;

namespace Streaming.Tools.Fuzz;

/// <summary>
/// Blind mode: seeded random mutations of the committed corpus through every target, no coverage feedback
/// (quick smoke run; bench/fuzz/run.sh runs the coverage-guided one). Exit code 0 = no finding and managed memory
/// stayed under the limit.
/// </summary>
public static class BlindRun
{
    public static int Run(int seed, long iterations, long maxMb)
    {
        var random = new Random(seed);
        var mutator = new Mutator(random);
        var seeds = FuzzTargets.All.Select(t => Corpus.Files(t.Name).Select(File.ReadAllBytes).DefaultIfEmpty([]).ToArray()).ToArray();
        var clock = Stopwatch.StartNew();
        var findings = 0;
        long peak = 0;
        for (long n = 0; n < iterations; n++)
        {
            var index = (int)(n % FuzzTargets.All.Count);
            var target = FuzzTargets.All[index];
            var input = mutator.Mutate(seeds[index][random.Next(seeds[index].Length)]);
            try
            {
                target.Run(input);
            }
            catch (Exception ex)
            {
                findings++;
                Console.WriteLine($"FINDING seed={seed} iteration={n} target={target.Name} input={Convert.ToHexString(input)}: {ex.GetType().Name}: {ex.Message}");
                if (findings >= 20) break;
            }
            if (n % 200_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                Console.WriteLine($"{n,12:N0} inputs  {clock.Elapsed.TotalSeconds,7:F1}s  managed {peak / (1024 * 1024)} MB peak  findings {findings}");
            }
        }
        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
        Console.WriteLine($"done: {iterations:N0} inputs in {clock.Elapsed.TotalSeconds:F1}s, seed {seed}, findings {findings}, managed peak {peak / (1024 * 1024)} MB");
        return findings == 0 && peak <= maxMb * 1024 * 1024 ? 0 : 1;
    }
}
