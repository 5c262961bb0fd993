namespace Streaming.Bench.LoadGenerator.Viewers;

/// <summary>Outcome of one GET: HTTP status (0 = transport error or timeout, -1 = cancelled by the run), body size, text for playlists.</summary>
public readonly record struct FetchResult(int Status, long Bytes, string? Text, long CompletedTimestamp)
{
    public bool Ok => Status is >= 200 and < 300;
    public bool Cancelled => Status == -1;
}
