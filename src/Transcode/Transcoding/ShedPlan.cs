namespace Streaming.Transcode.Transcoding;

/// <summary>What a shed level means for a ladder: presets this many steps faster, and this many rungs dropped (highest first, never the last).</summary>
public readonly record struct ShedPlan(int PresetSteps, int DroppedRungs)
{
    public static readonly ShedPlan Full = new(0, 0);

    public bool IsRungActive(int index, int rungCount) => index >= DroppedRungs || index == rungCount - 1;
}
