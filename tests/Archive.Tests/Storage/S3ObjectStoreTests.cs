using Streaming.Archive.Storage;
using Streaming.Archive.Tests.Infrastructure;

namespace Streaming.Archive.Tests.Storage;

public class S3ObjectStoreTests : ObjectStoreContract, IClassFixture<S3rverFixture>
{
    private readonly S3rverFixture _fixture;
    private readonly S3ObjectStore _store;

    public S3ObjectStoreTests(S3rverFixture fixture)
    {
        _fixture = fixture;
        _store = new S3ObjectStore(fixture.Server.StoreOptions(prefix: "rec/"));
    }

    protected override IObjectStore Store => _store;

    [Fact]
    public async Task Stored_bytes_are_the_body_not_an_aws_chunked_encoding()
    {
        var body = System.Security.Cryptography.RandomNumberGenerator.GetBytes(70_000);
        Assert.True((await _store.PutAsync("raw/rawbody.m4s", body, System.Security.Cryptography.MD5.HashData(body), "video/iso.segment", default)).IsOk);
        var file = Directory.GetFiles(_fixture.Server.DataDirectory, "rawbody.m4s._S3rver_object", SearchOption.AllDirectories).Single();
        Assert.Equal(body, File.ReadAllBytes(file));
    }

    [Fact]
    public async Task Wrong_credentials_are_reported_as_unauthorized()
    {
        var options = _fixture.Server.StoreOptions();
        options.AccessKeyId = "WRONG";
        using var store = new S3ObjectStore(options);
        Assert.Equal(StoreStatus.Unauthorized, (await store.CheckAsync(default)).Status);
    }

    [Fact]
    public async Task A_missing_bucket_is_reported_as_such()
    {
        var options = _fixture.Server.StoreOptions();
        options.Bucket = "does-not-exist";
        using var store = new S3ObjectStore(options);
        Assert.Equal(StoreStatus.NoSuchBucket, (await store.CheckAsync(default)).Status);
    }

    [Fact]
    public async Task An_unreachable_server_is_unavailable_not_an_exception()
    {
        var options = _fixture.Server.StoreOptions();
        options.ServiceUrl = $"http://127.0.0.1:{FreePorts.Take(1)[0]}";
        using var store = new S3ObjectStore(options);
        var body = new byte[] { 1, 2, 3 };
        Assert.Equal(StoreStatus.Unavailable, (await store.PutAsync("x/seg0.m4s", body, System.Security.Cryptography.MD5.HashData(body), "video/iso.segment", default)).Status);
    }
}
