namespace Streaming.Ingest.Rtmp.Amf;

/// <summary>
/// An AMF0 value. Objects and ECMA arrays keep their properties in order in <see cref="Properties"/>;
/// strict arrays keep theirs in <see cref="Items"/>. Commands are rare, so this model allocates freely.
/// </summary>
public sealed class AmfValue
{
    private static readonly IReadOnlyList<KeyValuePair<string, AmfValue>> NoProperties = [];
    private static readonly IReadOnlyList<AmfValue> NoItems = [];

    public static readonly AmfValue Null = new(AmfType.Null);
    public static readonly AmfValue Undefined = new(AmfType.Undefined);

    private AmfValue(AmfType type) => Type = type;

    public AmfType Type { get; private init; }
    public double Number { get; private init; }
    public bool Boolean { get; private init; }
    public string? String { get; private init; }
    /// <summary>Date: time zone offset in minutes (AMF0 says it should be 0).</summary>
    public short TimeZone { get; private init; }
    public IReadOnlyList<KeyValuePair<string, AmfValue>> Properties { get; private init; } = NoProperties;
    public IReadOnlyList<AmfValue> Items { get; private init; } = NoItems;

    public static AmfValue FromNumber(double value) => new(AmfType.Number) { Number = value };
    public static AmfValue FromBoolean(bool value) => new(AmfType.Boolean) { Boolean = value };
    /// <summary>A string; written as a long string when longer than 65535 UTF-8 bytes.</summary>
    public static AmfValue FromString(string value) => new(AmfType.String) { String = value };
    public static AmfValue FromLongString(string value) => new(AmfType.LongString) { String = value };
    public static AmfValue FromDate(double unixMilliseconds, short timeZone = 0) =>
        new(AmfType.Date) { Number = unixMilliseconds, TimeZone = timeZone };
    public static AmfValue Object(params KeyValuePair<string, AmfValue>[] properties) =>
        new(AmfType.Object) { Properties = properties };
    public static AmfValue Object(IReadOnlyList<KeyValuePair<string, AmfValue>> properties) =>
        new(AmfType.Object) { Properties = properties };
    public static AmfValue EcmaArray(IReadOnlyList<KeyValuePair<string, AmfValue>> properties) =>
        new(AmfType.EcmaArray) { Properties = properties };
    public static AmfValue StrictArray(IReadOnlyList<AmfValue> items) => new(AmfType.StrictArray) { Items = items };

    public static KeyValuePair<string, AmfValue> Property(string key, AmfValue value) => new(key, value);
    public static KeyValuePair<string, AmfValue> Property(string key, string value) => new(key, FromString(value));
    public static KeyValuePair<string, AmfValue> Property(string key, double value) => new(key, FromNumber(value));

    public bool IsString => Type is AmfType.String or AmfType.LongString;
    public bool IsNullOrUndefined => Type is AmfType.Null or AmfType.Undefined;

    /// <summary>The named property of an object or ECMA array (first match), or null.</summary>
    public AmfValue? Get(string key)
    {
        foreach (var property in Properties)
        {
            if (property.Key == key) return property.Value;
        }
        return null;
    }

    public string? GetString(string key) => Get(key) is { IsString: true } v ? v.String : null;

    public double? GetNumber(string key) => Get(key) is { Type: AmfType.Number } v ? v.Number : null;

    public override string ToString() => Type switch
    {
        AmfType.Number => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AmfType.Boolean => Boolean ? "true" : "false",
        AmfType.String or AmfType.LongString => String!,
        AmfType.Object or AmfType.EcmaArray => "{" + string.Join(", ", Properties.Select(p => p.Key + ": " + p.Value)) + "}",
        AmfType.StrictArray => "[" + string.Join(", ", Items) + "]",
        _ => Type.ToString().ToLowerInvariant(),
    };
}
