namespace Streaming.Edge.Upstreams;

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}
