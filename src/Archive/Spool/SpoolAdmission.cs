namespace Streaming.Archive.Spool;

public enum SpoolAdmission
{
    Accepted,
    /// <summary>Spool above the shed threshold: lower-priority renditions are refused.</summary>
    Shed,
    /// <summary>Spool at its byte limit: no new media is accepted.</summary>
    Full,
    /// <summary>The disk write failed (disk full, I/O error).</summary>
    WriteFailed,
}
