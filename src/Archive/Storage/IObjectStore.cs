namespace Streaming.Archive.Storage;

/// <summary>
/// Where archived objects end up: a directory (<see cref="FileObjectStore"/>) or an S3 bucket
/// (<see cref="S3ObjectStore"/>). Keys are '/'-separated relative names. Expected failures are results,
/// never exceptions. A put is confirmed only after the store proved it holds exactly the bytes
/// (<paramref name="md5"/> checked) and is idempotent: putting the same key again replaces it.
/// </summary>
public interface IObjectStore
{
    /// <summary>For logs: "file:/data/archive" or "s3://bucket/prefix".</summary>
    string Description { get; }

    Task<StoreResult> PutAsync(string key, ReadOnlyMemory<byte> body, byte[] md5, string contentType, CancellationToken cancellationToken);

    Task<StoreGetResult> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every key starting with <paramref name="prefix"/>, in ordinal order.</summary>
    Task<StoreListResult> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Ok also when the key did not exist.</summary>
    Task<StoreResult> DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Start-up and recovery probe: the bucket/directory exists and the credentials work.</summary>
    Task<StoreResult> CheckAsync(CancellationToken cancellationToken);
}
