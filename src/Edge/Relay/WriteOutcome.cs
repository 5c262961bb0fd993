namespace Streaming.Edge.Relay;

public enum WriteOutcome
{
    Sent,
    TimedOut,
    Aborted,
}
