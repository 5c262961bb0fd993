namespace Streaming.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Origin and ingest with a small live window (3 segments, TARGETDURATION 2, so a segment is at most 2.499 s)
/// and no transcoding: whatever the origin holds beyond that window shows in its memory.
/// </summary>
public sealed class BoundedSegmentsSystem : SystemUnderTest
{
    public const int TargetDuration = 2;
    public const int WindowSegments = 3;

    protected override IReadOnlyDictionary<string, string> OriginSettings { get; } = new Dictionary<string, string>
    {
        ["STREAMING__HLS__TARGETDURATIONSECONDS"] = TargetDuration.ToString(),
        ["STREAMING__HLS__WINDOWSEGMENTS"] = WindowSegments.ToString(),
        ["STREAMING__TRANSCODE__ENABLED"] = "false",
    };
}
