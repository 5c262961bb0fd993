namespace Streaming.Transcode.FFmpeg;

/// <summary>Settings of one libx264 rendition. Validate at start-up with <see cref="Validate"/>.</summary>
public sealed record H264EncoderOptions
{
    public required int Width { get; init; }
    public required int Height { get; init; }
    /// <summary>Nominal frame rate (x264 uses it for rate control; timestamps are still 90 kHz).</summary>
    public required int FrameRateNumerator { get; init; }
    public int FrameRateDenominator { get; init; } = 1;
    /// <summary>Average bitrate in bits per second.</summary>
    public required long BitRate { get; init; }
    /// <summary>VBV maximum rate in bits per second (0 = unconstrained).</summary>
    public long MaxRate { get; init; }
    /// <summary>VBV buffer size in bits (0 = unconstrained; required when <see cref="MaxRate"/> is set).</summary>
    public int BufferSize { get; init; }
    /// <summary>Maximum distance between keyframes in frames (x264 keyint); forced keyframes come on top.</summary>
    public required int GopSize { get; init; }
    public int MaxBFrames { get; init; }
    public string Preset { get; init; } = "veryfast";
    public string Profile { get; init; } = "high";
    /// <summary>x264 tune, e.g. "zerolatency"; null for none.</summary>
    public string? Tune { get; init; }
    /// <summary>0 lets x264 choose.</summary>
    public int ThreadCount { get; init; }
    /// <summary>Further libavcodec/libx264 options passed to avcodec_open2, e.g. <c>x264-params</c>; unknown names fail the open.</summary>
    public IReadOnlyDictionary<string, string> AdditionalOptions { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Width <= 0 || Height <= 0 || Width % 2 != 0 || Height % 2 != 0)
            errors.Add($"Width/Height {Width}x{Height} must be positive and even.");
        if (FrameRateNumerator <= 0 || FrameRateDenominator <= 0) errors.Add("Frame rate must be positive.");
        if (BitRate <= 0) errors.Add("BitRate must be positive.");
        if (MaxRate < 0 || BufferSize < 0) errors.Add("MaxRate/BufferSize must not be negative.");
        if (MaxRate > 0 && BufferSize == 0) errors.Add("BufferSize is required with MaxRate.");
        if (MaxRate > 0 && MaxRate < BitRate) errors.Add("MaxRate must be at least BitRate.");
        if (GopSize <= 0) errors.Add("GopSize must be positive.");
        if (MaxBFrames is < 0 or > 16) errors.Add("MaxBFrames must be 0..16.");
        if (string.IsNullOrWhiteSpace(Preset)) errors.Add("Preset is required.");
        if (string.IsNullOrWhiteSpace(Profile)) errors.Add("Profile is required.");
        if (ThreadCount < 0) errors.Add("ThreadCount must not be negative.");
        return errors;
    }
}
