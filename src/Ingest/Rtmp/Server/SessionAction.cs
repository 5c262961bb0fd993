namespace Streaming.Ingest.Rtmp.Server;

/// <summary>What the connection does after a message: go on, or flush what was written and close.</summary>
public enum SessionAction : byte
{
    Continue = 0,
    Close = 1,
}
