namespace Streaming.Transcode.Cmaf;

/// <summary>Fixed track layout of every CMAF stream this server writes.</summary>
public static class CmafTracks
{
    public const uint VideoTrackId = 1;
    public const uint AudioTrackId = 2;
    /// <summary>Video media timescale (equal to the 90 kHz frame clock). Audio uses its sample rate.</summary>
    public const int VideoTimescale = 90_000;
    /// <summary>Movie header timescale (the movie has no duration; only the tracks' timescales matter).</summary>
    public const int MovieTimescale = 1000;

    /// <summary>sample_flags (ISO/IEC 14496-12 8.8.3.1) of a sync sample: depends on no other sample.</summary>
    public const uint SyncSampleFlags = 0x0200_0000;
    /// <summary>sample_flags of a non-sync sample: depends on others, sample_is_non_sync_sample set.</summary>
    public const uint NonSyncSampleFlags = 0x0101_0000;
}
