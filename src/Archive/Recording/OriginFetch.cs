namespace Streaming.Archive.Recording;

/// <summary>An origin response: HTTP status (0 when the request failed on the network or timed out) and body.</summary>
public sealed record OriginFetch(int Status, byte[] Body, string Error)
{
    public bool IsOk => Status == 200;
}
