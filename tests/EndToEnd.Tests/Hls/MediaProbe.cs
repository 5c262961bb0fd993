using System.Globalization;
using System.Text.Json;
using Streaming.EndToEnd.Tests.Infrastructure;

namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>ffprobe/ffmpeg as a player would use them on our playlists.</summary>
public static class MediaProbe
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(45);

    /// <summary>Options for local snapshot playlists that point at http segments.</summary>
    private static readonly string[] SnapshotInputOptions =
        ["-protocol_whitelist", "file,http,tcp", "-allowed_extensions", "ALL"];

    public static async Task<(IReadOnlyList<ProbedStream> Streams, ToolResult Run)> StreamsAsync(string input)
    {
        var args = InputOptions(input).Concat(["-v", "error", "-show_entries", "stream=index,codec_type,codec_name,width,height", "-of", "json", input]).ToList();
        var run = await ToolRun.RunAsync("ffprobe", args, ToolTimeout);
        var streams = new List<ProbedStream>();
        if (run.ExitCode == 0 && TryParse(run.StandardOutput, out var json))
        {
            using (json)
            {
                foreach (var s in Array(json!.RootElement, "streams"))
                {
                    streams.Add(new ProbedStream(
                        Int(s, "index"), Text(s, "codec_type"), Text(s, "codec_name"), Int(s, "width"), Int(s, "height")));
                }
            }
        }

        return (streams, run);
    }

    public static async Task<(IReadOnlyList<ProbedPacket> Packets, ToolResult Run)> PacketsAsync(string input)
    {
        var args = InputOptions(input).Concat(["-v", "error", "-show_entries", "stream=index,codec_type:packet=stream_index,pts_time", "-of", "json", input]).ToList();
        var run = await ToolRun.RunAsync("ffprobe", args, ToolTimeout);
        var packets = new List<ProbedPacket>();
        if (run.ExitCode == 0 && TryParse(run.StandardOutput, out var json))
        {
            using (json)
            {
                var types = Array(json!.RootElement, "streams").ToDictionary(s => Int(s, "index"), s => Text(s, "codec_type"));
                foreach (var p in Array(json.RootElement, "packets"))
                {
                    var pts = Text(p, "pts_time");
                    if (pts.Length == 0 || pts == "N/A") continue;
                    packets.Add(new ProbedPacket(
                        types.GetValueOrDefault(Int(p, "stream_index"), "unknown"), double.Parse(pts, CultureInfo.InvariantCulture)));
                }
            }
        }

        return (packets, run);
    }

    /// <summary>Decodes the input completely (or for <paramref name="limit"/>) and reports what ffmpeg printed at level error.</summary>
    public static Task<ToolResult> DecodeAsync(string input, TimeSpan? limit = null)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-v", "error" };
        args.AddRange(InputOptions(input));
        args.AddRange(["-i", input]);
        if (limit is { } l) args.AddRange(["-t", l.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)]);
        args.AddRange(["-f", "null", "-"]);
        return ToolRun.RunAsync("ffmpeg", args, ToolTimeout);
    }

    private static IEnumerable<string> InputOptions(string input) =>
        input.StartsWith("http", StringComparison.Ordinal) ? [] : SnapshotInputOptions;

    private static bool TryParse(string text, out JsonDocument? document)
    {
        try
        {
            document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            document = null;
            return false;
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : [];

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
}
