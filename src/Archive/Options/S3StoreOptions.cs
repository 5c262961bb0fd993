namespace Streaming.Archive.Options;

/// <summary>S3 store (section <c>Streaming:Archive:S3</c>).</summary>
public sealed class S3StoreOptions
{
    public string Bucket { get; set; } = "";
    /// <summary>Prepended to every key ("recordings/" puts streams under recordings/...).</summary>
    public string Prefix { get; set; } = "";
    public string Region { get; set; } = "us-east-1";
    /// <summary>Endpoint of an S3-compatible server (MinIO, s3rver, Ceph); empty = AWS.</summary>
    public string ServiceUrl { get; set; } = "";
    public bool ForcePathStyle { get; set; }
    /// <summary>Static credentials; empty = the standard AWS chain (AWS_ACCESS_KEY_ID, profile, instance role).</summary>
    public string AccessKeyId { get; set; } = "";
    public string SecretAccessKey { get; set; } = "";
    public string SessionToken { get; set; } = "";
    /// <summary>Server-side encryption: "", "AES256", "aws:kms" (with <see cref="KmsKeyId"/>).</summary>
    public string ServerSideEncryption { get; set; } = "";
    public string KmsKeyId { get; set; } = "";
    /// <summary>Storage class, e.g. STANDARD, STANDARD_IA, INTELLIGENT_TIERING; empty = bucket default.</summary>
    public string StorageClass { get; set; } = "";
    /// <summary>Per-request timeout.</summary>
    public double RequestTimeoutSeconds { get; set; } = 15;
}
