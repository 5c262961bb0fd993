namespace Streaming.Ingest.Limits;

public enum GateResult : byte
{
    Admitted = 0,
    /// <summary><see cref="IngestOptions.MaxConnections"/> reached.</summary>
    TooManyConnections = 1,
    /// <summary><see cref="IngestLimitsOptions.MaxConnectionsPerIp"/> reached for the peer's address.</summary>
    TooManyFromAddress = 2,
}
