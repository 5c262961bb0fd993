namespace Streaming.Ingest.Rtmp.Amf;

public enum AmfReadStatus : byte
{
    Ok = 0,
    /// <summary>The input ended inside a value.</summary>
    Truncated = 1,
    /// <summary>An unknown or unsupported type marker (AMF3 switch, reference, XML, typed object, ...).</summary>
    UnsupportedType = 2,
    /// <summary>Too deep, too many items or a string over the limit.</summary>
    LimitExceeded = 3,
    /// <summary>An object end marker where a value was expected, or invalid UTF-8.</summary>
    Malformed = 4,
}
