namespace Streaming.EndToEnd.Tests.Infrastructure;

/// <summary>A test failure carrying the recent output of the processes involved.</summary>
public sealed class EndToEndFailure : Exception
{
    public EndToEndFailure(Exception inner, string diagnostics)
        : base(inner.Message + Environment.NewLine + Environment.NewLine + "----- diagnostics -----" + Environment.NewLine + diagnostics, inner)
    {
    }
}
