namespace Streaming.Transcode.Transcoding;

/// <summary>
/// The live ABR transcoder (section <c>Streaming:Transcode</c>). See docs/transcoding.md for the
/// default ladder, the x264 settings and the load-shedding policy.
/// </summary>
public sealed class TranscodeOptions
{
    public const string Section = "Streaming:Transcode";

    /// <summary>Transcode every H.264 stream into a ladder; false serves the source rendition only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Explicit rungs; empty means the default ladder derived from the source (1080p/720p/480p/360p below the source height).</summary>
    public List<TranscodeRungOptions> Ladder { get; set; } = new();

    /// <summary>Adds the 240p rung to the default ladder.</summary>
    public bool Include240p { get; set; }

    /// <summary>x264 preset of every rung without its own; load shedding switches to faster ones.</summary>
    public string Preset { get; set; } = "veryfast";

    /// <summary>x264 tune; "zerolatency" (no lookahead, no frame threads) keeps the added latency to one frame.</summary>
    public string Tune { get; set; } = "zerolatency";

    /// <summary>x264 threads per rung encoder (0 = x264 chooses; with zerolatency these are slice threads).</summary>
    public int EncoderThreads { get; set; }

    /// <summary>Decoder threads (1 decodes on the stream's thread with no added delay).</summary>
    public int DecoderThreads { get; set; } = 1;

    /// <summary>Events buffered between the origin link and a stream's transcoder before it drops to the next keyframe.</summary>
    public int QueueCapacity { get; set; } = 600;

    /// <summary>Speed (media seconds per second of transcoder work) below which the stream counts as overloaded.</summary>
    public double ShedBelowSpeed { get; set; } = 1.0;

    /// <summary>Overloaded this long (seconds) before shedding one more level.</summary>
    public double ShedAfterSeconds { get; set; } = 3;

    /// <summary>Speed at or above which there is headroom to restore a level.</summary>
    public double RestoreAboveSpeed { get; set; } = 1.5;

    /// <summary>Headroom this long (seconds) before restoring one level (doubled after each restore that had to be shed again).</summary>
    public double RestoreAfterSeconds { get; set; } = 15;

    /// <summary>Length of one speed measurement (seconds).</summary>
    public double SpeedWindowSeconds { get; set; } = 1;

    /// <summary>Load shedding on or off (off: a slow machine only drops input at the queue).</summary>
    public bool LoadSheddingEnabled { get; set; } = true;
}
