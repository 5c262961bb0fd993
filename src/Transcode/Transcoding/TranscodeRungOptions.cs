namespace Streaming.Transcode.Transcoding;

/// <summary>One configured rung of <see cref="TranscodeOptions.Ladder"/>. Bitrates in kbit/s.</summary>
public sealed class TranscodeRungOptions
{
    /// <summary>Rendition name (path segment), e.g. <c>480p</c>; defaults to <c>{Height}p</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Output height in pixels (even); the width follows the source aspect ratio, rounded to even.</summary>
    public int Height { get; set; }

    /// <summary>Average video bitrate (kbit/s).</summary>
    public int VideoBitrate { get; set; }

    /// <summary>VBV maximum rate (kbit/s); 0 = 1.07 x <see cref="VideoBitrate"/>.</summary>
    public int MaxBitrate { get; set; }

    /// <summary>VBV buffer (kbit); 0 = 1.5 x <see cref="VideoBitrate"/>.</summary>
    public int BufferSize { get; set; }

    /// <summary>x264 preset of this rung; null = <see cref="TranscodeOptions.Preset"/>.</summary>
    public string? Preset { get; set; }

    /// <summary>H.264 profile (baseline, main, high).</summary>
    public string Profile { get; set; } = "high";
}
