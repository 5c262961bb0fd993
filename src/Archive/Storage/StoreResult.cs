namespace Streaming.Archive.Storage;

public readonly record struct StoreResult(StoreStatus Status, string Detail = "")
{
    public static readonly StoreResult Ok = new(StoreStatus.Ok);
    public bool IsOk => Status == StoreStatus.Ok;

    /// <summary>Lower-case label for metrics: ok, not_found, unavailable, unauthorized, no_such_bucket, integrity, failed.</summary>
    public static string Label(StoreStatus status) => status switch
    {
        StoreStatus.Ok => "ok",
        StoreStatus.NotFound => "not_found",
        StoreStatus.Unavailable => "unavailable",
        StoreStatus.Unauthorized => "unauthorized",
        StoreStatus.NoSuchBucket => "no_such_bucket",
        StoreStatus.IntegrityMismatch => "integrity",
        _ => "failed",
    };
}
