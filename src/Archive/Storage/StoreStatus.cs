namespace Streaming.Archive.Storage;

/// <summary>Outcome of a store operation. Everything but Ok and NotFound is worth a retry.</summary>
public enum StoreStatus
{
    Ok,
    NotFound,
    /// <summary>Network error, timeout, 5xx, disk I/O error: the store is down or overloaded.</summary>
    Unavailable,
    /// <summary>Credentials missing, unknown or refused.</summary>
    Unauthorized,
    NoSuchBucket,
    /// <summary>The store kept different bytes than sent (ETag or checksum mismatch).</summary>
    IntegrityMismatch,
    Failed,
}
