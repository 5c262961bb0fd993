namespace Streaming.Ingest.Rtmp.Server;

/// <summary>What the connection does after a message: go on, flush what was written and close, or authorize a publish.</summary>
public enum SessionAction : byte
{
    Continue = 0,
    Close = 1,
    /// <summary>A publish command is pending: stop parsing, await <see cref="RtmpSession.CompletePublishAsync"/>, then go on.</summary>
    Authorize = 2,
}
