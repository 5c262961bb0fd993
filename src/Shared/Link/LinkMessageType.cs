namespace Streaming.Shared.Link;

/// <summary>Message types of the ingest → origin frame link (see <see cref="LinkCodec"/>).</summary>
public enum LinkMessageType : byte
{
    Hello = 1,
    Tracks = 2,
    Frame = 3,
    SessionEnd = 4,
}
