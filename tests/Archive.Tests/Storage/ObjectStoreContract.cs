using System.Security.Cryptography;
using System.Text;
using Streaming.Archive.Storage;

namespace Streaming.Archive.Tests.Storage;

/// <summary>The behaviour every <see cref="IObjectStore"/> must have; run against both stores.</summary>
public abstract class ObjectStoreContract
{
    protected abstract IObjectStore Store { get; }
    private readonly string _root = "t" + Guid.NewGuid().ToString("N")[..8];

    private static (byte[] Body, byte[] Md5) Body(string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        return (body, MD5.HashData(body));
    }

    [Fact]
    public async Task Put_then_get_returns_the_same_bytes()
    {
        var body = RandomNumberGenerator.GetBytes(300_000);
        Assert.True((await Store.PutAsync($"{_root}/s/seg0.m4s", body, MD5.HashData(body), "video/iso.segment", default)).IsOk);
        var get = await Store.GetAsync($"{_root}/s/seg0.m4s", default);
        Assert.True(get.Result.IsOk);
        Assert.Equal(body, get.Body);
    }

    [Fact]
    public async Task Put_is_idempotent_and_replaces()
    {
        var (a, ma) = Body("first");
        var (b, mb) = Body("second");
        Assert.True((await Store.PutAsync($"{_root}/p/index.m3u8", a, ma, "application/vnd.apple.mpegurl", default)).IsOk);
        Assert.True((await Store.PutAsync($"{_root}/p/index.m3u8", a, ma, "application/vnd.apple.mpegurl", default)).IsOk);
        Assert.True((await Store.PutAsync($"{_root}/p/index.m3u8", b, mb, "application/vnd.apple.mpegurl", default)).IsOk);
        Assert.Equal("second", Encoding.UTF8.GetString((await Store.GetAsync($"{_root}/p/index.m3u8", default)).Body));
        Assert.Single((await Store.ListAsync($"{_root}/p/", default)).Objects);
    }

    [Fact]
    public async Task Put_with_a_wrong_md5_is_not_confirmed()
    {
        var (body, _) = Body("payload");
        var (_, wrong) = Body("other");
        var result = await Store.PutAsync($"{_root}/bad/seg0.m4s", body, wrong, "video/iso.segment", default);
        Assert.False(result.IsOk);
    }

    [Fact]
    public async Task Get_of_a_missing_key_is_not_found()
    {
        Assert.Equal(StoreStatus.NotFound, (await Store.GetAsync($"{_root}/missing/x.m4s", default)).Result.Status);
    }

    [Fact]
    public async Task List_returns_keys_under_the_prefix_in_order_with_sizes()
    {
        foreach (var key in new[] { "a/s1/r/seg1.m4s", "a/s1/r/seg0.m4s", "a/s2/r/seg0.m4s", "ab/x.m4s" })
        {
            var (body, md5) = Body(key);
            Assert.True((await Store.PutAsync($"{_root}/{key}", body, md5, "video/iso.segment", default)).IsOk);
        }
        var list = await Store.ListAsync($"{_root}/a/", default);
        Assert.True(list.Result.IsOk);
        Assert.Equal([$"{_root}/a/s1/r/seg0.m4s", $"{_root}/a/s1/r/seg1.m4s", $"{_root}/a/s2/r/seg0.m4s"], list.Objects.Select(o => o.Key));
        Assert.Equal("a/s1/r/seg0.m4s".Length, list.Objects[0].Size);
        Assert.Equal(4, (await Store.ListAsync($"{_root}/a", default)).Objects.Count);
    }

    [Fact]
    public async Task Delete_removes_and_is_idempotent()
    {
        var (body, md5) = Body("x");
        await Store.PutAsync($"{_root}/d/seg0.m4s", body, md5, "video/iso.segment", default);
        Assert.True((await Store.DeleteAsync($"{_root}/d/seg0.m4s", default)).IsOk);
        Assert.True((await Store.DeleteAsync($"{_root}/d/seg0.m4s", default)).IsOk);
        Assert.Equal(StoreStatus.NotFound, (await Store.GetAsync($"{_root}/d/seg0.m4s", default)).Result.Status);
    }

    [Fact]
    public async Task Check_passes_on_a_usable_store()
    {
        Assert.True((await Store.CheckAsync(default)).IsOk);
    }
}
