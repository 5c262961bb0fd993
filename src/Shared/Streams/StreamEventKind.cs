namespace Streaming.Shared.Streams;

public enum StreamEventKind : byte
{
    /// <summary>A media frame; the reader owns one reference and must release it.</summary>
    Frame = 0,
    /// <summary>The stream's tracks were announced or changed (a new sequence header).</summary>
    Tracks = 1,
    /// <summary>The publisher went away; a new session may follow on the same stream.</summary>
    SessionEnded = 2,
}
