namespace Streaming.Bench.LoadGenerator.Playlists;

/// <summary>A part's place in a media playlist: media sequence number and index within its segment.</summary>
public readonly record struct PartPosition(long Msn, int Index) : IComparable<PartPosition>
{
    public int CompareTo(PartPosition other) => Msn != other.Msn ? Msn.CompareTo(other.Msn) : Index.CompareTo(other.Index);

    public static bool operator <(PartPosition a, PartPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(PartPosition a, PartPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(PartPosition a, PartPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(PartPosition a, PartPosition b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Msn}.{Index}";
}
