namespace Streaming.Shared.Codecs;

/// <summary>
/// The processing limits of an H.264 level (ITU-T H.264 Table A-1): the largest frame and the highest
/// macroblock rate a conforming decoder of that level must handle.
/// </summary>
public readonly record struct H264Level(string Name, int MaxMacroblocksPerSecond, int MaxFrameSizeInMacroblocks)
{
    /// <summary>Level 6.2, the highest defined level.</summary>
    public static H264Level Highest { get; } = new("6.2", 16_711_680, 139_264);

    /// <summary>
    /// Largest frame width or height in macroblocks at this level: sqrt(8 * MaxFS) (A.3.1 item f / A.3.2 item g).
    /// </summary>
    public int MaxMacroblocksPerSide => (int)Math.Sqrt(8.0 * MaxFrameSizeInMacroblocks);

    /// <summary>
    /// The level of <paramref name="levelIdc"/>; level_idc 11 with constraint_set3_flag in the Baseline, Main and
    /// Extended profiles is level 1b (A.3.1). False for a level_idc Table A-1 does not define.
    /// </summary>
    public static bool TryGet(byte profileIdc, byte constraintFlags, byte levelIdc, out H264Level level)
    {
        var constraintSet3 = (constraintFlags & 0x10) != 0;
        if (levelIdc == 11 && constraintSet3 && profileIdc is 66 or 77 or 88) levelIdc = 9;
        level = levelIdc switch
        {
            9 => new H264Level("1b", 1_485, 99),
            10 => new H264Level("1", 1_485, 99),
            11 => new H264Level("1.1", 3_000, 396),
            12 => new H264Level("1.2", 6_000, 396),
            13 => new H264Level("1.3", 11_880, 396),
            20 => new H264Level("2", 11_880, 396),
            21 => new H264Level("2.1", 19_800, 792),
            22 => new H264Level("2.2", 20_250, 1_620),
            30 => new H264Level("3", 40_500, 1_620),
            31 => new H264Level("3.1", 108_000, 3_600),
            32 => new H264Level("3.2", 216_000, 5_120),
            40 => new H264Level("4", 245_760, 8_192),
            41 => new H264Level("4.1", 245_760, 8_192),
            42 => new H264Level("4.2", 522_240, 8_704),
            50 => new H264Level("5", 589_824, 22_080),
            51 => new H264Level("5.1", 983_040, 36_864),
            52 => new H264Level("5.2", 2_073_600, 36_864),
            60 => new H264Level("6", 4_177_920, 139_264),
            61 => new H264Level("6.1", 8_355_840, 139_264),
            62 => Highest,
            _ => default,
        };
        return level.Name is not null;
    }
}
