namespace Streaming.Transcode.Transcoding;

/// <summary>x264's presets from fastest to slowest, and the "n steps faster" arithmetic load shedding uses.</summary>
public static class X264Presets
{
    public static readonly IReadOnlyList<string> FastestFirst =
        ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo"];

    // x264 settings that end up in the SPS/PPS (reference frames, entropy coder, 8x8 transform, weighted
    // prediction), per preset as x264's common/base.c sets them.
    private static readonly (int Ref, int Cabac, int Dct8x8, int WeightP)[] ParameterSetSettings =
        [(1, 0, 0, 0), (1, 1, 1, 1), (1, 1, 1, 1), (2, 1, 1, 1), (2, 1, 1, 1), (3, 1, 1, 2), (5, 1, 1, 2), (8, 1, 1, 2), (16, 1, 1, 2), (16, 1, 1, 2)];

    /// <summary>
    /// x264-params that pin what ends up in the SPS/PPS to <paramref name="basePreset"/>'s values, so a faster preset
    /// produces the same avcC: a load-shedding preset switch then needs no new init segment and no discontinuity.
    /// </summary>
    public static string ParameterSetPins(string basePreset)
    {
        var index = IndexOf(basePreset);
        if (index < 0) throw new ArgumentException($"Unknown x264 preset '{basePreset}'.", nameof(basePreset));
        var (refs, cabac, dct, weightp) = ParameterSetSettings[index];
        return $"ref={refs}:cabac={cabac}:8x8dct={dct}:weightp={weightp}";
    }

    public static bool IsKnown(string? preset) => preset is not null && IndexOf(preset) >= 0;

    /// <summary>The preset <paramref name="steps"/> places faster than <paramref name="preset"/>, stopping at ultrafast.</summary>
    public static string Faster(string preset, int steps)
    {
        var index = IndexOf(preset);
        if (index < 0) throw new ArgumentException($"Unknown x264 preset '{preset}'.", nameof(preset));
        return FastestFirst[Math.Max(0, index - Math.Max(0, steps))];
    }

    /// <summary>How many steps <paramref name="preset"/> is away from ultrafast.</summary>
    public static int StepsToFastest(string preset) => Math.Max(0, IndexOf(preset));

    private static int IndexOf(string preset)
    {
        for (var i = 0; i < FastestFirst.Count; i++)
        {
            if (string.Equals(FastestFirst[i], preset, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
