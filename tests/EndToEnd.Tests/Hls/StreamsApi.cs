using System.Text.Json;

namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>
/// Reads the ingest API's GET /api/streams. Counts every JSON object anywhere in the answer whose
/// name/stream/streamName/key/streamKey property equals the stream name: one object per live session.
/// </summary>
public static class StreamsApi
{
    private static readonly string[] NameProperties = ["name", "stream", "streamName", "key", "streamKey"];

    public static int CountSessions(string json, string streamName)
    {
        using var document = JsonDocument.Parse(json);
        return Count(document.RootElement, streamName);
    }

    private static int Count(JsonElement element, string streamName)
    {
        var count = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var matches = element.EnumerateObject().Any(p =>
                    NameProperties.Contains(p.Name, StringComparer.OrdinalIgnoreCase)
                    && p.Value.ValueKind == JsonValueKind.String
                    && p.Value.GetString() == streamName);
                if (matches) count++;
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                        count += Count(property.Value, streamName);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) count += Count(item, streamName);
                break;
        }

        return count;
    }
}
