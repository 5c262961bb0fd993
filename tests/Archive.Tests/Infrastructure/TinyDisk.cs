using System.Diagnostics;

namespace Streaming.Archive.Tests.Infrastructure;

/// <summary>
/// A tmpfs of a few hundred KiB mounted for one test, so writes fail with ENOSPC the way a full disk does.
/// Needs root (as `./streaming test` and CI run); when the mount is refused the test fails with the reason.
/// </summary>
public sealed class TinyDisk : IDisposable
{
    private TinyDisk(string path) => Path = path;

    public string Path { get; }

    public static TinyDisk Mount(int bytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "archive-tests", "tinydisk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", $"-t tmpfs -o size={bytes} tmpfs {path}");
        if (code != 0) throw new InvalidOperationException($"cannot mount a tmpfs to simulate a full disk (needs root): {output}");
        return new TinyDisk(path);
    }

    /// <summary>Writes a filler file until the disk is full (ENOSPC); deleting the returned path frees the space again.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler-" + Guid.NewGuid().ToString("N")[..8]);
        var chunk = new byte[4096];
        using var stream = new FileStream(filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true) stream.Write(chunk);
        }
        catch (IOException)
        {
            // Full. What was written stays (tmpfs keeps the pages).
        }
        return filler;
    }

    public void Dispose()
    {
        Run("umount", "-l " + Path);
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }

    private static (int Code, string Output) Run(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit(10_000);
        return (process.ExitCode, output);
    }
}
