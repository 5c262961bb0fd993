namespace Streaming.Bench.Rtmp;

/// <summary>
/// Plays an <see cref="FlvFile"/> in a loop with continuous timestamps: script data and sequence headers
/// only on the first pass, media timestamps shifted by the loop duration on every later pass; media at or past
/// the loop duration is skipped so the wrap is seamless.
/// </summary>
public sealed class TagSchedule
{
    private readonly FlvFile _file;
    private int _index;
    private long _loop;

    public TagSchedule(FlvFile file) => _file = file;

    public ScheduledTag Current { get; private set; }

    public void MoveNext()
    {
        while (true)
        {
            if (_index == _file.Tags.Count)
            {
                _index = 0;
                _loop++;
            }
            var tag = _file.Tags[_index++];
            if (_loop > 0 && (!tag.IsMedia || tag.IsSequenceHeader)) continue;
            if (!tag.IsMedia && tag.Type != 18) continue;
            if (tag.IsMedia && tag.TimestampMs >= _file.LoopDurationMs) continue;
            Current = new ScheduledTag(tag, tag.TimestampMs + _loop * _file.LoopDurationMs);
            return;
        }
    }
}
