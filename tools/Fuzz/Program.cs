using Streaming.Tools.Fuzz;
using Streaming.Tools.Fuzz.Seeds;

// Fuzz targets for the pure parsers of untrusted input (tools/Fuzz/Targets, one per parser).
//   afl TARGET                  run under afl-fuzz (SharpFuzz out-of-process fork server; bench/fuzz/run.sh)
//   replay TARGET PATH...       run files or folders through a target; exit 1 when any input is a finding
//   blind [--seed N] [--iterations N] [--max-mb N]   seeded mutation of the corpus without coverage feedback
//   seeds DIR                   write the generated seed inputs (link messages, playlists, AMF, FLV tags) to DIR/{target}/
//   list                        target names and the parsers they drive
const int MaxInput = 1024 * 1024;
var command = args.Length > 0 ? args[0] : "list";
switch (command)
{
    case "afl" when args.Length == 2 && FuzzTargets.Find(args[1]) is { } target:
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, MaxInput)));
        });
        return 0;
    case "replay" when args.Length >= 3 && FuzzTargets.Find(args[1]) is { } target:
        var findings = 0;
        foreach (var file in args[2..].SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p) : [p]).Order(StringComparer.Ordinal))
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception ex)
            {
                findings++;
                Console.WriteLine($"FINDING {file}: {ex.GetType().Name}: {ex.Message}");
                Console.WriteLine($"  input {Convert.ToHexString(File.ReadAllBytes(file))}");
                Console.WriteLine($"  at {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            }
        }
        Console.WriteLine($"{target.Name}: {findings} finding(s)");
        return findings == 0 ? 0 : 1;
    case "blind":
        var options = Enumerable.Range(0, (args.Length - 1) / 2).ToDictionary(i => args[1 + 2 * i], i => args[2 + 2 * i]);
        return BlindRun.Run(int.Parse(options.GetValueOrDefault("--seed", "1")), long.Parse(options.GetValueOrDefault("--iterations", "2000000")),
            long.Parse(options.GetValueOrDefault("--max-mb", "256")));
    case "seeds" when args.Length == 2:
        SeedWriter.WriteAll(args[1]);
        return 0;
    case "list":
        foreach (var t in FuzzTargets.All) Console.WriteLine($"{t.Name,-15} {t.Parsers}");
        return 0;
    default:
        Console.Error.WriteLine("usage: Streaming.Fuzz afl TARGET | replay TARGET PATH... | blind [--seed N] [--iterations N] [--max-mb N] | seeds DIR | list");
        return 2;
}
