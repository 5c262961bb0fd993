namespace Streaming.Ingest.Limits;

public enum ProgressVerdict : byte
{
    Ok = 0,
    /// <summary>Publish was not requested within the pre-publish deadline (however many bytes arrived).</summary>
    DeadlineMissed = 1,
    /// <summary>An idle interval brought fewer bytes than the required minimum.</summary>
    NoProgress = 2,
}
