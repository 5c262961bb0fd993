using Streaming.Shared.Cluster;

namespace Streaming.Shared.Tests.Cluster;

public class RendezvousHashTests
{
    private static readonly string[] Members = ["origin-0", "origin-1", "origin-2"];

    [Fact]
    public void Every_caller_with_the_same_members_ranks_a_stream_the_same_way_regardless_of_list_order()
    {
        var a = RendezvousHash.Rank("demo", Members, m => m);
        var b = RendezvousHash.Rank("demo", Members.Reverse().ToArray(), m => m);
        Assert.Equal(a, b);
        Assert.Equal(3, a.Distinct().Count());
    }

    [Fact]
    public void Removing_a_member_moves_only_the_streams_it_owned()
    {
        var streams = Enumerable.Range(0, 300).Select(i => $"stream{i}").ToArray();
        var before = streams.ToDictionary(s => s, s => RendezvousHash.Rank(s, Members, m => m)[0]);
        var survivors = Members.Where(m => m != "origin-1").ToArray();
        foreach (var stream in streams)
        {
            var after = RendezvousHash.Rank(stream, survivors, m => m)[0];
            if (before[stream] != "origin-1") Assert.Equal(before[stream], after);
        }
        var owned = before.Values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Members, m => Assert.InRange(owned[m], 60, 140));
    }
}
