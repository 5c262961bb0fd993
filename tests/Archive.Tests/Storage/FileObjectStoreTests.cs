using Streaming.Archive.Storage;
using Streaming.Archive.Tests.Infrastructure;

namespace Streaming.Archive.Tests.Storage;

public class FileObjectStoreTests : ObjectStoreContract
{
    private readonly FileObjectStore _store = new(RepoPaths.NewTempDirectory("filestore"));
    protected override IObjectStore Store => _store;

    [Fact]
    public async Task Keys_cannot_escape_the_root()
    {
        var result = await _store.PutAsync("../escape.m4s", new byte[] { 1 }, System.Security.Cryptography.MD5.HashData(new byte[] { 1 }), "x", default);
        Assert.Equal(StoreStatus.Failed, result.Status);
        Assert.False(File.Exists(Path.Combine(_store.Root, "..", "escape.m4s")));
    }
}
