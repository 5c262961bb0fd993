namespace Streaming.Tools.Fuzz;

/// <summary>A fuzz target found a parser result that breaks one of its stated invariants.</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);
