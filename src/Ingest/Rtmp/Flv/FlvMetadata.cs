using Streaming.Ingest.Rtmp.Amf;

namespace Streaming.Ingest.Rtmp.Flv;

/// <summary>Hints from onMetaData; zero when the publisher did not say.</summary>
public sealed record FlvMetadata
{
    public static readonly FlvMetadata Empty = new();

    public double FrameRate { get; init; }
    public double VideoDataRateKbps { get; init; }
    public double AudioDataRateKbps { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public string Encoder { get; init; } = "";

    /// <summary>Reads the object/ECMA array of onMetaData. Absent or non-numeric keys stay zero.</summary>
    public static FlvMetadata FromAmf(AmfValue properties) => new()
    {
        FrameRate = Positive(properties.GetNumber("framerate") ?? properties.GetNumber("fps")),
        VideoDataRateKbps = Positive(properties.GetNumber("videodatarate")),
        AudioDataRateKbps = Positive(properties.GetNumber("audiodatarate")),
        Width = (int)Math.Min(Positive(properties.GetNumber("width")), 65535),
        Height = (int)Math.Min(Positive(properties.GetNumber("height")), 65535),
        Encoder = properties.GetString("encoder") ?? "",
    };

    private static double Positive(double? value) =>
        value is { } v && double.IsFinite(v) && v > 0 && v < 1e9 ? v : 0;
}
