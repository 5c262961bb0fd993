namespace Streaming.EndToEnd.Tests.Fuzz;

/// <summary>Totals of one fuzz run.</summary>
public sealed record FuzzReport(int Attempted, int Connected, int HandshakesCompleted, int ConnectFailures, TimeSpan Elapsed, string PerCase)
{
    public override string ToString() =>
        $"{Attempted} connections ({Connected} connected, {ConnectFailures} refused, {HandshakesCompleted} handshakes completed) " +
        $"in {Elapsed.TotalSeconds:F1} s; per case: {PerCase}";
}
