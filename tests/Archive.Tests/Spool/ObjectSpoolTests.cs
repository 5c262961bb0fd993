using System.Text;
using Streaming.Archive.Spool;
using Streaming.Archive.Tests.Infrastructure;

namespace Streaming.Archive.Tests.Spool;

public class ObjectSpoolTests
{
    private const long Max = 16 * 1024 * 1024;

    private static ObjectSpool NewSpool(string directory, long max = Max) => new(directory, max, 0.8, 0.9, TimeProvider.System);

    private static SpoolAdmission Add(ObjectSpool spool, string key, string body, SpoolItemKind kind = SpoolItemKind.Media, int priority = 0) =>
        spool.TryAdd(key, "video/iso.segment", kind, Encoding.UTF8.GetBytes(body), 0, priority, out _);

    [Fact]
    public void Entries_written_before_a_crash_are_found_by_the_next_start()
    {
        var dir = RepoPaths.NewTempDirectory("spool");
        var before = NewSpool(dir);
        before.Open();
        Assert.Equal(SpoolAdmission.Accepted, Add(before, "s/1/source/seg0.m4s", "zero"));
        Assert.Equal(SpoolAdmission.Accepted, Add(before, "s/1/source/seg1.m4s", "one"));
        Assert.True(before.TryTake(out var taken, out _));
        before.Complete(taken);
        // "Crash": the first instance is abandoned without any shutdown.

        var after = NewSpool(dir);
        var scan = after.Open();
        Assert.Equal(1, scan.Resumed);
        Assert.True(after.TryTake(out var entry, out _));
        Assert.Equal("s/1/source/seg1.m4s", entry.Key);
        Assert.True(after.TryReadBody(entry, out var body));
        Assert.Equal("one", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Torn_and_corrupt_files_are_dropped_at_start()
    {
        var dir = RepoPaths.NewTempDirectory("spool");
        var spool = NewSpool(dir);
        spool.Open();
        Add(spool, "s/1/source/seg0.m4s", "zero");
        Add(spool, "s/1/source/seg1.m4s", "one");
        var files = Directory.GetFiles(Path.Combine(dir, "objects")).Order().ToArray();
        var bytes = File.ReadAllBytes(files[0]);
        bytes[^1] ^= 0xff; // body no longer matches its MD5
        File.WriteAllBytes(files[0], bytes);
        File.WriteAllBytes(Path.Combine(dir, "objects", "0000000000000099.spool.ab12cd34.tmp"), [1, 2, 3]); // crash mid-write

        var scan = NewSpool(dir).Open();
        Assert.Equal(1, scan.Resumed);
        Assert.Equal(2, scan.Corrupt);
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "objects")));
    }

    [Fact]
    public void A_playlist_waits_for_older_objects_of_its_directory()
    {
        var spool = NewSpool(RepoPaths.NewTempDirectory("spool"));
        spool.Open();
        Add(spool, "s/1/source/seg0.m4s", "zero");
        Add(spool, "s/1/source/index.m3u8", "playlist", SpoolItemKind.Playlist);
        Add(spool, "s/1/low/seg0.m4s", "low");

        Assert.True(spool.TryTake(out var first, out _));
        Assert.Equal("s/1/source/seg0.m4s", first.Key);
        Assert.True(spool.TryTake(out var second, out _));
        Assert.Equal("s/1/low/seg0.m4s", second.Key); // the playlist is not due while seg0 is in flight
        Assert.False(spool.TryTake(out _, out _));
        spool.Complete(first);
        Assert.True(spool.TryTake(out var third, out _));
        Assert.Equal("s/1/source/index.m3u8", third.Key);
    }

    [Fact]
    public void A_newer_playlist_replaces_the_pending_one_also_across_a_restart()
    {
        var dir = RepoPaths.NewTempDirectory("spool");
        var spool = NewSpool(dir);
        spool.Open();
        Add(spool, "s/1/source/index.m3u8", "v1", SpoolItemKind.Playlist);
        Add(spool, "s/1/source/index.m3u8", "v2", SpoolItemKind.Playlist);
        Assert.Equal(1, spool.Count);

        var after = NewSpool(dir);
        after.Open();
        Assert.True(after.TryTake(out var entry, out _));
        Assert.True(after.TryReadBody(entry, out var body));
        Assert.Equal("v2", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void A_full_spool_sheds_lower_priority_renditions_first_then_refuses_all_media_but_keeps_playlists()
    {
        var spool = NewSpool(RepoPaths.NewTempDirectory("spool"), Max);
        spool.Open();
        var big = new string('x', (int)(Max * 0.85));
        Assert.Equal(SpoolAdmission.Accepted, Add(spool, "s/1/source/seg0.m4s", big));
        Assert.Equal(SpoolPressure.Warning, spool.Pressure);
        var chunk = new string('y', (int)(Max * 0.1));
        Assert.Equal(SpoolAdmission.Shed, Add(spool, "s/1/low/seg1.m4s", chunk, priority: 1));
        Assert.Equal(SpoolAdmission.Accepted, Add(spool, "s/1/source/seg1.m4s", chunk, priority: 0));
        Assert.Equal(SpoolAdmission.Full, Add(spool, "s/1/source/seg2.m4s", chunk, priority: 0));
        Assert.Equal(SpoolAdmission.Accepted, Add(spool, "s/1/source/index.m3u8", "pl", SpoolItemKind.Playlist));
    }

    [Fact]
    public void A_failed_upload_is_due_again_only_after_its_backoff()
    {
        var spool = NewSpool(RepoPaths.NewTempDirectory("spool"));
        spool.Open();
        Add(spool, "s/1/source/seg0.m4s", "zero");
        Assert.True(spool.TryTake(out var entry, out _));
        spool.Retry(entry, TimeSpan.FromMinutes(1));
        Assert.False(spool.TryTake(out _, out var wait));
        Assert.True(wait > TimeSpan.FromSeconds(50));
        spool.ReleaseBackoff();
        Assert.True(spool.TryTake(out var again, out _));
        Assert.Equal(2, again.Attempts);
    }
}
