namespace Streaming.Ingest.Rtmp.Chunks;

/// <summary>
/// Counts received bytes and says when an Acknowledgement is due: every time the bytes since the
/// last one reach the window the peer announced (Window Acknowledgement Size).
/// </summary>
public sealed class AcknowledgementWindow
{
    public const uint DefaultWindow = 2_500_000;

    private ulong _received;
    private ulong _lastAcked;

    public uint Window { get; set; } = DefaultWindow;
    public ulong TotalReceived => _received;

    /// <summary>Adds <paramref name="bytes"/>; returns true with the sequence number (total bytes mod 2^32) when an ack is due.</summary>
    public bool OnReceived(long bytes, out uint sequenceNumber)
    {
        _received += (ulong)bytes;
        sequenceNumber = (uint)_received;
        if (Window == 0 || _received - _lastAcked < Window) return false;
        _lastAcked = _received;
        return true;
    }
}
