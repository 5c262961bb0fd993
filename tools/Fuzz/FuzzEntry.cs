namespace Streaming.Tools.Fuzz;

/// <summary>Feeds one input to a pure parser and asserts its invariants; throws on a finding.</summary>
public delegate void FuzzEntry(ReadOnlySpan<byte> input);
