namespace Streaming.Operations.Tests.Infrastructure;

/// <summary>Outcome of one tool run; <see cref="ToString"/> is the failure message.</summary>
public sealed record ToolResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    public override string ToString() =>
        $"$ {CommandLine}{Environment.NewLine}exit code {(TimedOut ? "(timed out)" : ExitCode.ToString())}{Environment.NewLine}" +
        $"--- stdout ---{Environment.NewLine}{StandardOutput}--- stderr ---{Environment.NewLine}{StandardError}";
}
