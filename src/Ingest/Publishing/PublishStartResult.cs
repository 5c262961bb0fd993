namespace Streaming.Ingest.Publishing;

public enum PublishStartResult : byte
{
    /// <summary>The name was free; a new session started.</summary>
    Started = 0,
    /// <summary>The previous owner was closed or silent; it was kicked and the new session started.</summary>
    TookOver = 1,
    /// <summary>The name has an active publisher (NetStream.Publish.BadName).</summary>
    NameInUse = 2,
    /// <summary>Empty, too long or containing characters outside [A-Za-z0-9._-].</summary>
    InvalidName = 3,
}
