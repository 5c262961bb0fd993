using System.Globalization;

namespace Streaming.Bench.LoadGenerator;

/// <summary>Command line of the load generator.</summary>
public sealed record LoadOptions
{
    public string Url { get; init; } = "http://127.0.0.1:8080";
    public string Stream { get; init; } = "";
    public int Viewers { get; init; } = 10;
    public double DurationSeconds { get; init; } = 30;
    /// <summary>Rendition name (first path component of the variant URI); null = the first variant.</summary>
    public string? Rendition { get; init; }
    /// <summary>Switch to the next variant every this many seconds; 0 = never.</summary>
    public double SwitchEverySeconds { get; init; }
    /// <summary>Viewers start spread evenly over this many seconds.</summary>
    public double RampSeconds { get; init; } = 2;
    /// <summary>Counters start this long after the start (stall detection runs from the first part anyway).</summary>
    public double WarmupSeconds { get; init; }
    public string? JsonPath { get; init; }
    /// <summary>Origin base URL: also time preload-hinted parts there and through --url (one edge hop).</summary>
    public string? ProbeOrigin { get; init; }
    /// <summary>Process whose RSS and CPU are sampled during the run (the edge under test).</summary>
    public int? SamplePid { get; init; }
    public string Label { get; init; } = "";

    public const string Usage = """
        Streaming.Bench.LoadGenerator --url http://127.0.0.1:8080 --stream NAME [--viewers N] [--duration S]
          [--rendition NAME] [--switch-every S] [--ramp S] [--warmup S] [--json FILE]
          [--probe-origin http://127.0.0.1:PORT] [--sample-pid PID] [--label TEXT]
        Simulates N LL-HLS viewers (blocking playlist reloads, parts, held preload-hint requests) and reports
        delivered bitrate, requests/s, stalls, latency to live and errors by status.
        --viewers 0 with --probe-origin measures only the edge hop for preload-hinted parts.
        """;

    public static bool TryParse(string[] args, out LoadOptions options, out string error)
    {
        options = new LoadOptions();
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help") { error = Usage; return false; }
            if (i + 1 >= args.Length) { error = $"missing value for {name}"; return false; }
            var value = args[++i];
            switch (name)
            {
                case "--url": options = options with { Url = value.TrimEnd('/') }; break;
                case "--stream": options = options with { Stream = value }; break;
                case "--viewers" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 100_000:
                    options = options with { Viewers = n }; break;
                case "--duration" when TryNumber(value, out var d) && d is > 0 and <= 3600: options = options with { DurationSeconds = d }; break;
                case "--rendition": options = options with { Rendition = value }; break;
                case "--switch-every" when TryNumber(value, out var s) && s >= 0: options = options with { SwitchEverySeconds = s }; break;
                case "--ramp" when TryNumber(value, out var r) && r is >= 0 and <= 600: options = options with { RampSeconds = r }; break;
                case "--warmup" when TryNumber(value, out var w) && w is >= 0 and <= 600: options = options with { WarmupSeconds = w }; break;
                case "--json": options = options with { JsonPath = value }; break;
                case "--probe-origin": options = options with { ProbeOrigin = value.TrimEnd('/') }; break;
                case "--sample-pid" when int.TryParse(value, CultureInfo.InvariantCulture, out var pid) && pid > 0:
                    options = options with { SamplePid = pid }; break;
                case "--label": options = options with { Label = value }; break;
                default: error = $"bad argument {name} {value}\n{Usage}"; return false;
            }
        }
        if (options.Stream.Length == 0) { error = "--stream is required\n" + Usage; return false; }
        if (options.WarmupSeconds >= options.DurationSeconds) { error = "--warmup must be shorter than --duration"; return false; }
        return true;
    }

    private static bool TryNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
