namespace Streaming.Bench.LoadGenerator.Viewers;

/// <summary>
/// A simulated player's playhead. Playback starts when the first part arrives (the first part fetched is
/// PART-HOLD-BACK behind live) and runs in real time; each part is needed when the previous one has played
/// out. A part received after that moment is a stall: the playhead waits for it, and the stall time is
/// added to every later deadline, like a real player's rebuffering.
/// </summary>
public sealed class PlaybackClock
{
    private bool _started;
    private double _nextNeededMs;

    public int Stalls { get; private set; }
    public double StallMs { get; private set; }

    /// <summary>Records a part received at <paramref name="receivedMs"/> (run time); returns when the player shows it.</summary>
    public double OnPart(double durationSeconds, double receivedMs, bool counted)
    {
        if (!_started)
        {
            _started = true;
            _nextNeededMs = receivedMs;
        }
        var shown = _nextNeededMs;
        if (receivedMs > _nextNeededMs)
        {
            if (counted)
            {
                Stalls++;
                StallMs += receivedMs - _nextNeededMs;
            }
            shown = receivedMs;
        }
        _nextNeededMs = shown + durationSeconds * 1000;
        return shown;
    }

    /// <summary>A part the player will never get (404, error, slid out of the window): playback skips its duration.</summary>
    public void Skip(double durationSeconds) => _nextNeededMs += durationSeconds * 1000;
}
