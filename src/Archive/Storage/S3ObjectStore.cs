using System.Net;
using System.Net.Sockets;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Streaming.Archive.Options;

namespace Streaming.Archive.Storage;

/// <summary>
/// S3 (or an S3-compatible server) through AWSSDK.S3. Every put sends Content-MD5 (the server rejects a
/// body that does not match) and, where the ETag is the body's MD5 (not SSE-KMS), compares it too. Bodies
/// are sent unchunked (<c>UseChunkEncoding = false</c>) so servers that do not decode aws-chunked bodies
/// store the real bytes. SDK retries are off: the upload workers retry with their own backoff.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly S3StoreOptions _options;
    private readonly string _prefix;

    public S3ObjectStore(S3StoreOptions options)
    {
        _options = options;
        _prefix = options.Prefix.Length == 0 || options.Prefix.EndsWith('/') ? options.Prefix : options.Prefix + "/";
        var config = new AmazonS3Config
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region),
            Timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds),
            MaxErrorRetry = 0,
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl.Length > 0)
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }
        _client = options.AccessKeyId.Length > 0
            ? new AmazonS3Client(options.SessionToken.Length > 0
                ? new SessionAWSCredentials(options.AccessKeyId, options.SecretAccessKey, options.SessionToken)
                : new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey), config)
            : new AmazonS3Client(config);
    }

    public string Description => $"s3://{_options.Bucket}/{_prefix}" + (_options.ServiceUrl.Length > 0 ? $" at {_options.ServiceUrl}" : "");

    public async Task<StoreResult> PutAsync(string key, ReadOnlyMemory<byte> body, byte[] md5, string contentType, CancellationToken cancellationToken)
    {
        if (!ObjectKeys.IsValid(key)) return new StoreResult(StoreStatus.Failed, $"invalid key '{key}'");
        var request = new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = _prefix + key,
            InputStream = AsStream(body),
            AutoCloseStream = true,
            ContentType = contentType,
            MD5Digest = Convert.ToBase64String(md5),
            UseChunkEncoding = false,
        };
        if (_options.ServerSideEncryption.Length > 0)
            request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.FindValue(_options.ServerSideEncryption);
        if (_options.KmsKeyId.Length > 0) request.ServerSideEncryptionKeyManagementServiceKeyId = _options.KmsKeyId;
        if (_options.StorageClass.Length > 0) request.StorageClass = S3StorageClass.FindValue(_options.StorageClass);
        try
        {
            var response = await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var etag = (response.ETag ?? "").Trim('"');
            var expected = ObjectKeys.Md5Hex(md5);
            var etagIsMd5 = etag.Length == 32 && !_options.ServerSideEncryption.StartsWith("aws:kms", StringComparison.Ordinal);
            if (etagIsMd5 && !string.Equals(etag, expected, StringComparison.OrdinalIgnoreCase))
                return new StoreResult(StoreStatus.IntegrityMismatch, $"ETag {etag} != MD5 {expected}");
            return StoreResult.Ok;
        }
        catch (Exception e) when (IsExpected(e, cancellationToken))
        {
            return Classify(e);
        }
    }

    public async Task<StoreGetResult> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!ObjectKeys.IsValid(key)) return new StoreGetResult(new StoreResult(StoreStatus.NotFound), []);
        try
        {
            using var response = await _client.GetObjectAsync(_options.Bucket, _prefix + key, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream(response.ContentLength is > 0 and < int.MaxValue ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return new StoreGetResult(StoreResult.Ok, buffer.ToArray());
        }
        catch (Exception e) when (IsExpected(e, cancellationToken))
        {
            return new StoreGetResult(Classify(e), []);
        }
    }

    public async Task<StoreListResult> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var objects = new List<StoredObject>();
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = _prefix + prefix, MaxKeys = 1000 };
        try
        {
            while (true)
            {
                var response = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                foreach (var o in response.S3Objects ?? [])
                {
                    if (o.Key.StartsWith(_prefix, StringComparison.Ordinal)) objects.Add(new StoredObject(o.Key[_prefix.Length..], o.Size ?? 0));
                }
                if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken)) break;
                request.ContinuationToken = response.NextContinuationToken;
            }
            objects.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return new StoreListResult(StoreResult.Ok, objects);
        }
        catch (Exception e) when (IsExpected(e, cancellationToken))
        {
            return new StoreListResult(Classify(e), []);
        }
    }

    public async Task<StoreResult> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (!ObjectKeys.IsValid(key)) return StoreResult.Ok;
        try
        {
            await _client.DeleteObjectAsync(_options.Bucket, _prefix + key, cancellationToken).ConfigureAwait(false);
            return StoreResult.Ok;
        }
        catch (Exception e) when (IsExpected(e, cancellationToken))
        {
            var result = Classify(e);
            return result.Status == StoreStatus.NotFound ? StoreResult.Ok : result;
        }
    }

    /// <summary>A one-key listing of the prefix: fails with NoSuchBucket or Unauthorized when those are wrong.</summary>
    public async Task<StoreResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = _prefix, MaxKeys = 1 },
                cancellationToken).ConfigureAwait(false);
            return StoreResult.Ok;
        }
        catch (Exception e) when (IsExpected(e, cancellationToken))
        {
            return Classify(e);
        }
    }

    public void Dispose() => _client.Dispose();

    private static MemoryStream AsStream(ReadOnlyMemory<byte> body) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(body, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body.ToArray(), writable: false);

    /// <summary>Store-side failures are results; only the caller's own cancellation propagates.</summary>
    private static bool IsExpected(Exception e, CancellationToken cancellationToken) =>
        !(e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        && e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or SocketException
            or OperationCanceledException or TimeoutException;

    private static StoreResult Classify(Exception e)
    {
        var detail = e.Message;
        if (e is AmazonS3Exception s3)
        {
            detail = $"{(int)s3.StatusCode} {s3.ErrorCode}: {s3.Message}";
            switch (s3.ErrorCode)
            {
                case "NoSuchBucket": return new StoreResult(StoreStatus.NoSuchBucket, detail);
                case "NoSuchKey": return new StoreResult(StoreStatus.NotFound, detail);
                case "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied" or "ExpiredToken" or "InvalidToken"
                    or "AuthorizationHeaderMalformed":
                    return new StoreResult(StoreStatus.Unauthorized, detail);
                case "BadDigest" or "InvalidDigest" or "XAmzContentSHA256Mismatch":
                    return new StoreResult(StoreStatus.IntegrityMismatch, detail);
            }
            if (s3.StatusCode == HttpStatusCode.NotFound) return new StoreResult(StoreStatus.NotFound, detail);
            if (s3.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized) return new StoreResult(StoreStatus.Unauthorized, detail);
            if ((int)s3.StatusCode >= 500 || s3.StatusCode == HttpStatusCode.TooManyRequests) return new StoreResult(StoreStatus.Unavailable, detail);
            return new StoreResult(StoreStatus.Failed, detail);
        }
        if (e is AmazonServiceException service && (int)service.StatusCode is >= 500 or 0) return new StoreResult(StoreStatus.Unavailable, detail);
        if (e is AmazonClientException && e.InnerException is null && detail.Contains("credential", StringComparison.OrdinalIgnoreCase))
            return new StoreResult(StoreStatus.Unauthorized, detail);
        return new StoreResult(StoreStatus.Unavailable, detail);
    }
}
