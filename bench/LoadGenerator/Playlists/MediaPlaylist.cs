namespace Streaming.Bench.LoadGenerator.Playlists;

/// <summary>The parts of a parsed LL-HLS media playlist and what a player needs to continue.</summary>
public sealed record MediaPlaylist(
    IReadOnlyList<MediaPart> Parts,
    string? MapUri,
    string? PreloadHintUri,
    double PartHoldBackSeconds,
    double PartTargetSeconds,
    PartPosition Next)
{
    /// <summary>
    /// The first part a player joining now fetches: walking back from the newest part until PART-HOLD-BACK
    /// of media lies ahead of the playhead.
    /// </summary>
    public PartPosition StartPosition()
    {
        if (Parts.Count == 0) return Next;
        var ahead = 0.0;
        for (var i = Parts.Count - 1; i >= 0; i--)
        {
            ahead += Parts[i].DurationSeconds;
            if (ahead >= PartHoldBackSeconds) return Parts[i].Position;
        }
        return Parts[0].Position;
    }
}
