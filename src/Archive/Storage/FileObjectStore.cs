using System.Security.Cryptography;

namespace Streaming.Archive.Storage;

/// <summary>
/// The embedded default store: one file per key under <see cref="Root"/>, written durably
/// (<see cref="DurableFile"/>: temp + fsync + rename + directory fsync) and read back to check the MD5.
/// </summary>
public sealed class FileObjectStore : IObjectStore
{
    public FileObjectStore(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }
    public string Description => "file:" + Root;

    public Task<StoreResult> PutAsync(string key, ReadOnlyMemory<byte> body, byte[] md5, string contentType, CancellationToken cancellationToken)
    {
        if (!ObjectKeys.IsValid(key)) return Task.FromResult(new StoreResult(StoreStatus.Failed, $"invalid key '{key}'"));
        if (!MD5.HashData(body.Span).AsSpan().SequenceEqual(md5))
            return Task.FromResult(new StoreResult(StoreStatus.IntegrityMismatch, "body does not match its MD5"));
        var path = PathOf(key);
        try
        {
            DurableFile.Write(path, body.Span);
            using var stream = File.OpenRead(path);
            var stored = MD5.HashData(stream);
            return Task.FromResult(stored.AsSpan().SequenceEqual(md5)
                ? StoreResult.Ok
                : new StoreResult(StoreStatus.IntegrityMismatch, $"stored MD5 {ObjectKeys.Md5Hex(stored)} != {ObjectKeys.Md5Hex(md5)}"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(IoFailure(e));
        }
    }

    public async Task<StoreGetResult> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!ObjectKeys.IsValid(key)) return new StoreGetResult(new StoreResult(StoreStatus.NotFound), []);
        try
        {
            return new StoreGetResult(StoreResult.Ok, await File.ReadAllBytesAsync(PathOf(key), cancellationToken));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new StoreGetResult(new StoreResult(StoreStatus.NotFound), []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new StoreGetResult(IoFailure(e), []);
        }
    }

    public Task<StoreListResult> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        try
        {
            // Start at the deepest directory the prefix names completely.
            var slash = prefix.LastIndexOf('/');
            var start = slash < 0 ? Root : Path.Combine(Root, prefix[..slash]);
            if (!Directory.Exists(start)) return Task.FromResult(new StoreListResult(StoreResult.Ok, []));
            var objects = new List<StoredObject>();
            foreach (var file in new DirectoryInfo(start).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                if (file.Name.EndsWith(DurableFile.TempSuffix, StringComparison.Ordinal)) continue;
                var key = Path.GetRelativePath(Root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (key.StartsWith(prefix, StringComparison.Ordinal)) objects.Add(new StoredObject(key, file.Length));
            }
            objects.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return Task.FromResult(new StoreListResult(StoreResult.Ok, objects));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(new StoreListResult(IoFailure(e), []));
        }
    }

    public Task<StoreResult> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (!ObjectKeys.IsValid(key)) return Task.FromResult(StoreResult.Ok);
        try
        {
            File.Delete(PathOf(key));
            return Task.FromResult(StoreResult.Ok);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult(StoreResult.Ok);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(IoFailure(e));
        }
    }

    public Task<StoreResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Root);
            var probe = Path.Combine(Root, ".probe-" + Guid.NewGuid().ToString("N")[..8] + DurableFile.TempSuffix);
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return Task.FromResult(StoreResult.Ok);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(IoFailure(e));
        }
    }

    private string PathOf(string key) => Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));

    private static StoreResult IoFailure(Exception e) => e is UnauthorizedAccessException
        ? new StoreResult(StoreStatus.Unauthorized, e.Message)
        : new StoreResult(StoreStatus.Unavailable, e.Message);
}
