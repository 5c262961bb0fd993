namespace Streaming.EndToEnd.Tests.Infrastructure;

/// <summary>Outcome of a finished (or timed out and killed) tool run.</summary>
public sealed record ToolResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, bool TimedOut, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"$ {CommandLine}{Environment.NewLine}exit {(TimedOut ? "timeout" : ExitCode.ToString())} after {Elapsed.TotalSeconds:F1} s" +
        $"{Environment.NewLine}--- stdout ---{Environment.NewLine}{Truncate(StandardOutput)}" +
        $"{Environment.NewLine}--- stderr ---{Environment.NewLine}{Truncate(StandardError)}";

    private static string Truncate(string text) => text.Length <= 8000 ? text : text[..4000] + "\n...\n" + text[^4000..];
}
