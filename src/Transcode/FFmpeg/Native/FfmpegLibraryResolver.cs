using System.Reflection;
using System.Runtime.InteropServices;

namespace Streaming.Transcode.FFmpeg.Native;

/// <summary>
/// Maps the logical library names used by the imports to the exact Debian 12 (FFmpeg 5.1) sonames,
/// so the bindings never bind to a differently versioned <c>libavcodec.so</c> by accident.
/// Registered once for this assembly by the static constructors of the import classes.
/// </summary>
internal static class FfmpegLibraryResolver
{
    public const string AvCodec = "avcodec";
    public const string AvUtil = "avutil";
    public const string SwScale = "swscale";

    public const string AvCodecSoname = "libavcodec.so.59";
    public const string AvUtilSoname = "libavutil.so.57";
    public const string SwScaleSoname = "libswscale.so.6";

    private static readonly object Gate = new();
    private static bool _registered;

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered) return;
            NativeLibrary.SetDllImportResolver(typeof(FfmpegLibraryResolver).Assembly, Resolve);
            _registered = true;
        }
    }

    /// <summary>The soname a logical name maps to, or null for libraries this resolver does not own.</summary>
    public static string? SonameFor(string libraryName) => libraryName switch
    {
        AvCodec => AvCodecSoname,
        AvUtil => AvUtilSoname,
        SwScale => SwScaleSoname,
        _ => null,
    };

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var soname = SonameFor(libraryName);
        if (soname is null) return IntPtr.Zero;
        // Load (not TryLoad): a missing soname must fail with its own name instead of falling back to
        // default probing, which could find an unversioned libavcodec.so of another major version.
        return NativeLibrary.Load(soname, assembly, searchPath);
    }
}
