namespace Streaming.TestSupport;

/// <summary>A prerequisite program is missing: the test fails (it must never be skipped for this).</summary>
public sealed class ToolMissingException(string message) : Exception(message);
