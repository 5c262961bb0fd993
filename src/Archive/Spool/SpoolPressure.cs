namespace Streaming.Archive.Spool;

/// <summary>Spool fill level as exported in <c>streaming_archive_spool_pressure</c>.</summary>
public enum SpoolPressure
{
    Normal = 0,
    Warning = 1,
    Shedding = 2,
    Full = 3,
}
