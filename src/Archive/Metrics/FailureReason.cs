namespace Streaming.Archive.Metrics;

/// <summary>
/// The <c>reason</c> label of a fault caught at a job boundary or a journal write: <c>disk_full</c>,
/// <c>access_denied</c>, <c>io_error</c>, or <c>unexpected</c> (any other exception: a bug).
/// </summary>
public static class FailureReason
{
    public const string DiskFull = "disk_full";
    public const string AccessDenied = "access_denied";
    public const string IoError = "io_error";
    public const string Unexpected = "unexpected";

    // On Unix an IOException's HResult is the raw errno: ENOSPC is 28 on Linux and macOS, EDQUOT 122 on Linux.
    private const int Enospc = 28, Edquot = 122;
    // On Windows: ERROR_HANDLE_DISK_FULL (39) and ERROR_DISK_FULL (112) as HRESULTs.
    private const int ErrorHandleDiskFull = unchecked((int)0x80070027), ErrorDiskFull = unchecked((int)0x80070070);

    public static string Of(Exception e) => e switch
    {
        IOException io when IsDiskFull(io) => DiskFull,
        UnauthorizedAccessException => AccessDenied,
        IOException => IoError,
        _ => Unexpected,
    };

    public static bool IsDiskFull(IOException e) => OperatingSystem.IsWindows()
        ? e.HResult is ErrorHandleDiskFull or ErrorDiskFull
        : e.HResult is Enospc or Edquot;
}
