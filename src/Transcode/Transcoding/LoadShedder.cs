namespace Streaming.Transcode.Transcoding;

/// <summary>
/// The load-shedding state machine of one stream (pure; fed one speed sample per measurement window).
/// Level 0 is the configured ladder. Each level first makes every rung's x264 preset one step faster
/// (veryfast, superfast, ultrafast), then drops one more rung, highest resolution first, never the lowest.
/// Overloaded (speed below <see cref="TranscodeOptions.ShedBelowSpeed"/> or input dropped at the queue) for
/// <see cref="TranscodeOptions.ShedAfterSeconds"/> sheds one level; headroom (speed at or above
/// <see cref="TranscodeOptions.RestoreAboveSpeed"/>) for <see cref="TranscodeOptions.RestoreAfterSeconds"/>
/// restores one. A shed shortly after a restore (within twice the hold) doubles the restore hold (up to 8x),
/// so a machine on the edge does not flap; a long stable period resets it.
/// </summary>
public sealed class LoadShedder
{
    private const int MaxBackoff = 8;
    private readonly double _shedBelow;
    private readonly double _restoreAbove;
    private readonly double _shedAfter;
    private readonly double _restoreAfter;
    private double _slowFor;
    private double _fastFor;
    private double _sinceRestore = double.PositiveInfinity;
    private int _backoff = 1;

    public LoadShedder(TranscodeOptions options, int presetLevels, int rungCount)
    {
        _shedBelow = options.ShedBelowSpeed;
        _restoreAbove = options.RestoreAboveSpeed;
        _shedAfter = options.ShedAfterSeconds;
        _restoreAfter = options.RestoreAfterSeconds;
        PresetLevels = Math.Max(0, presetLevels);
        MaxLevel = options.LoadSheddingEnabled ? PresetLevels + Math.Max(0, rungCount - 1) : 0;
    }

    public int Level { get; private set; }
    public int MaxLevel { get; }
    public int PresetLevels { get; }

    /// <summary>Preset steps (faster) at the current level.</summary>
    public int PresetSteps => Math.Min(Level, PresetLevels);

    /// <summary>Rungs dropped at the current level (highest resolution first).</summary>
    public int DroppedRungs => Level - PresetSteps;

    /// <summary>The current restore hold multiplier (1, 2, 4 or 8).</summary>
    public int Backoff => _backoff;

    /// <summary>Takes one sample covering <paramref name="seconds"/> of wall time; true when <see cref="Level"/> changed.</summary>
    public bool Observe(double speed, bool inputDropped, double seconds)
    {
        _sinceRestore += seconds;
        // Stable for a long time since the last restore: forget the backoff.
        if (_backoff > 1 && _sinceRestore > 4 * _restoreAfter * MaxBackoff) _backoff = 1;
        if (inputDropped || speed < _shedBelow)
        {
            _fastFor = 0;
            _slowFor += seconds;
            if (Level < MaxLevel && _slowFor >= _shedAfter - 1e-9)
            {
                Level++;
                _slowFor = 0;
                if (_sinceRestore < 2 * _restoreAfter * _backoff) _backoff = Math.Min(MaxBackoff, _backoff * 2);
                return true;
            }
            return false;
        }
        _slowFor = 0;
        if (speed < _restoreAbove)
        {
            _fastFor = 0;
            return false;
        }
        _fastFor += seconds;
        if (Level > 0 && _fastFor >= _restoreAfter * _backoff - 1e-9)
        {
            Level--;
            _fastFor = 0;
            _sinceRestore = 0;
            return true;
        }
        return false;
    }
}
