namespace Streaming.Ingest.Rtmp.Amf;

/// <summary>Bounds for decoding untrusted AMF0.</summary>
public sealed record AmfLimits
{
    public static readonly AmfLimits Default = new();

    /// <summary>Nesting depth of objects/arrays.</summary>
    public int MaxDepth { get; init; } = 16;
    /// <summary>Properties of one object/ECMA array or items of one strict array.</summary>
    public int MaxItems { get; init; } = 4096;
    /// <summary>UTF-8 bytes of one string (keys included).</summary>
    public int MaxStringBytes { get; init; } = 1024 * 1024;
}
