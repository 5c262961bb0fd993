using Streaming.Shared.Media;
using Streaming.Shared.Streams;

namespace Streaming.Ingest.Publishing;

/// <summary>
/// One publisher's ownership of a stream name, from publish to unpublish. Its <see cref="Stream"/> is
/// new for every session. Statistics are written by the ingest connection and readable from any thread.
/// </summary>
public sealed class PublishSession
{
    private readonly TimeProvider _time;
    private readonly Action _kick;
    private readonly BitrateEstimator _videoBitrate = new();
    private readonly BitrateEstimator _audioBitrate = new();
    private long _bytesIn;
    private long _framesIn;
    private long _lastActivity;
    private long _lastKeyframeDts = long.MinValue;
    private long _keyframeIntervalTicks;
    private int _ended;

    internal PublishSession(string app, string name, string remoteAddress, TimeProvider time, Action kick)
    {
        App = app;
        Name = name;
        RemoteAddress = remoteAddress;
        _time = time;
        _kick = kick;
        Id = Guid.NewGuid();
        StartedAt = time.GetUtcNow();
        _lastActivity = time.GetTimestamp();
        Stream = new LiveStream(name);
    }

    public Guid Id { get; }
    public string App { get; }
    /// <summary>The public stream name.</summary>
    public string Name { get; }
    public string Key => StreamRegistry.MakeKey(App, Name);
    public string RemoteAddress { get; }
    public DateTimeOffset StartedAt { get; }
    public LiveStream Stream { get; }

    public long BytesIn => Interlocked.Read(ref _bytesIn);
    public long FramesIn => Interlocked.Read(ref _framesIn);
    public long VideoBitrate => _videoBitrate.BitsPerSecond;
    public long AudioBitrate => _audioBitrate.BitsPerSecond;
    /// <summary>Distance between the last two video keyframes, zero until two were seen.</summary>
    public TimeSpan LastKeyframeInterval =>
        TimeSpan.FromSeconds(MediaTime.ToSeconds(Interlocked.Read(ref _keyframeIntervalTicks)));
    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>Time since the last frame (or since the start when none arrived yet).</summary>
    public TimeSpan Silence => _time.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    /// <summary>Counts received bytes (whole RTMP input of the connection while publishing).</summary>
    public void RecordBytes(long bytes) => Interlocked.Add(ref _bytesIn, bytes);

    /// <summary>Counts a frame before it is handed to the stream.</summary>
    public void RecordFrame(in MediaFrame frame)
    {
        Interlocked.Increment(ref _framesIn);
        Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());
        if (frame.IsVideo)
        {
            _videoBitrate.Add(frame.Dts, frame.Length);
            if (frame.IsKeyframe)
            {
                if (_lastKeyframeDts != long.MinValue) Interlocked.Exchange(ref _keyframeIntervalTicks, frame.Dts - _lastKeyframeDts);
                _lastKeyframeDts = frame.Dts;
            }
        }
        else
        {
            _audioBitrate.Add(frame.Dts, frame.Length);
        }
    }

    internal bool TryMarkEnded() => Interlocked.Exchange(ref _ended, 1) == 0;

    internal void Kick() => _kick();
}
