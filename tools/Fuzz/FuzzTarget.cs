namespace Streaming.Tools.Fuzz;

/// <summary>
/// One fuzz target: its name (also the folder of its seed corpus under <c>tools/Fuzz/corpus/</c>), the parser
/// entry points it drives, and its entry. bench/fuzz/run.sh instruments every Streaming.* assembly for coverage.
/// </summary>
public sealed record FuzzTarget(string Name, string Parsers, FuzzEntry Run);
