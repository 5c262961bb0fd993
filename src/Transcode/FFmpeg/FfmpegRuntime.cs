using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.FFmpeg;

/// <summary>Start-up checks and process-wide settings of the FFmpeg bindings.</summary>
public static class FfmpegRuntime
{
    public const int ExpectedAvCodecMajor = NativeConstants.LibAvCodecVersionMajor;
    public const int ExpectedAvUtilMajor = NativeConstants.LibAvUtilVersionMajor;
    public const int ExpectedSwScaleMajor = NativeConstants.LibSwScaleVersionMajor;

    /// <summary>
    /// Loads libavcodec/libavutil/libswscale and compares their major versions with the ones the
    /// struct offsets were taken from. Call once at start-up, before creating any codec; a failed
    /// check means the process must not use these bindings (struct layouts would be wrong).
    /// </summary>
    public static FfmpegVersionCheck Verify()
    {
        uint avcodec, avutil, swscale;
        try
        {
            avcodec = LibAvCodec.avcodec_version();
            avutil = LibAvUtil.avutil_version();
            swscale = LibSwScale.swscale_version();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            return new FfmpegVersionCheck(false,
                $"FFmpeg libraries could not be loaded ({FfmpegLibraryResolver.AvCodecSoname}, " +
                $"{FfmpegLibraryResolver.AvUtilSoname}, {FfmpegLibraryResolver.SwScaleSoname}): {e.Message}", 0, 0, 0);
        }
        return Evaluate(avcodec, avutil, swscale);
    }

    /// <summary>The pure comparison behind <see cref="Verify"/>, for packed version numbers.</summary>
    public static FfmpegVersionCheck Evaluate(uint avcodecVersion, uint avutilVersion, uint swscaleVersion)
    {
        var mismatches = new List<string>();
        Compare("libavcodec", avcodecVersion, ExpectedAvCodecMajor, mismatches);
        Compare("libavutil", avutilVersion, ExpectedAvUtilMajor, mismatches);
        Compare("libswscale", swscaleVersion, ExpectedSwScaleMajor, mismatches);
        var loaded = $"libavcodec {Format(avcodecVersion)}, libavutil {Format(avutilVersion)}, libswscale {Format(swscaleVersion)}";
        var message = mismatches.Count == 0
            ? $"FFmpeg bindings match the loaded libraries: {loaded}."
            : $"FFmpeg bindings were written for FFmpeg 5.1 (libavcodec {ExpectedAvCodecMajor}, libavutil {ExpectedAvUtilMajor}, " +
              $"libswscale {ExpectedSwScaleMajor}) but found {string.Join("; ", mismatches)}. Struct offsets would be wrong; " +
              "install the FFmpeg 5.1 runtime libraries or update Native/Offsets.cs.";
        return new FfmpegVersionCheck(mismatches.Count == 0, message, avcodecVersion, avutilVersion, swscaleVersion);
    }

    /// <summary>Sets libavutil's global log level (FFmpeg prints to stderr).</summary>
    public static void SetLogLevel(FfmpegLogLevel level) => LibAvUtil.av_log_set_level((int)level);

    public static string Format(uint version) => $"{version >> 16}.{(version >> 8) & 0xFF}.{version & 0xFF}";

    private static void Compare(string library, uint version, int expectedMajor, List<string> mismatches)
    {
        if (version >> 16 != expectedMajor)
            mismatches.Add($"{library} {Format(version)} (need major {expectedMajor})");
    }
}
