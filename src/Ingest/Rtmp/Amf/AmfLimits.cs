namespace Streaming.Ingest.Rtmp.Amf;

/// <summary>Bounds for decoding untrusted AMF0.</summary>
public sealed record AmfLimits
{
    public static readonly AmfLimits Default = new();

    /// <summary>Nesting depth of objects/arrays.</summary>
    public int MaxDepth { get; init; } = 16;
    /// <summary>Properties of one object/ECMA array or items of one strict array.</summary>
    public int MaxItems { get; init; } = 1024;
    /// <summary>UTF-8 bytes of one string (keys included).</summary>
    public int MaxStringBytes { get; init; } = 64 * 1024;
    /// <summary>Values at the top level of one message (a command is its name, transaction id and a few arguments).</summary>
    public int MaxTopLevelValues { get; init; } = 32;
    /// <summary>Values decoded from one message in total, nested ones included (bounds the objects one message creates).</summary>
    public int MaxValues { get; init; } = 8192;
}
