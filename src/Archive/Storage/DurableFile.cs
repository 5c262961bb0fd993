using System.Runtime.InteropServices;

namespace Streaming.Archive.Storage;

/// <summary>
/// Crash-safe file replacement: write a temporary file next to the target, fsync it, rename it over the
/// target and fsync the directory, so after a crash the target is either the old or the new content.
/// </summary>
public static class DurableFile
{
    public const string TempSuffix = ".tmp";

    public static void Write(string path, ReadOnlySpan<byte> header, ReadOnlySpan<byte> body)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + TempSuffix;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(header);
                stream.Write(body);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        SyncDirectory(directory);
    }

    public static void Write(string path, ReadOnlySpan<byte> body) => Write(path, ReadOnlySpan<byte>.Empty, body);

    /// <summary>Appends and fsyncs (journals); a crash can leave a torn last line, which readers ignore.</summary>
    public static void Append(string path, ReadOnlySpan<byte> bytes)
    {
        var isNew = !File.Exists(path);
        using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        if (isNew) SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>fsync on the directory so a rename or a new entry survives a power cut (no-op off Linux/macOS).</summary>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0) return;
        try { _ = Fsync(fd); }
        finally { _ = Close(fd); }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
