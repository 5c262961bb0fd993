using Streaming.Shared.Media;
using Streaming.Shared.Hls;
using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// The read side of one rendition, safe to use from any thread while its <see cref="RenditionPackager"/>
/// publishes: the current playlist (rendered once per version), object lookups returning leases,
/// and waits for blocking playlist reloads and preload-hinted parts.
/// </summary>
public sealed class HlsRendition
{
    private readonly long _partTarget;
    private const long PartsHorizonTargets = 3;
    private readonly int _targetDuration;
    private RenditionSnapshot _snapshot;
    private long _version;
    private bool _closed;

    internal HlsRendition(string name, HlsOptions options, StreamInstance instance)
    {
        Name = name;
        Instance = instance;
        _partTarget = options.PartTicks;
        // Fixed for the rendition's life: the packager keeps every segment within what it allows.
        _targetDuration = options.TargetDuration;
        Window = new RenditionWindow(options.WindowSegments, instance);
        _snapshot = Build(StreamTracks.None);
    }

    public string Name { get; }
    /// <summary>The stream instance every object name of this rendition carries.</summary>
    public StreamInstance Instance { get; }
    internal RenditionWindow Window { get; }
    private RenditionSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>EXT-X-TARGETDURATION in seconds; blocking requests time out after three of these.</summary>
    public int TargetDurationSeconds => Snapshot.Playlist.TargetDuration;
    public TimeSpan BlockingTimeout => TimeSpan.FromSeconds(3 * TargetDurationSeconds);
    /// <summary>Increases with every published change.</summary>
    public long Version => Snapshot.Version;
    public bool IsLive => Snapshot.IsLive;
    /// <summary>True once a part was published (the playlist lists media).</summary>
    public bool HasMedia => Snapshot.HasMedia;
    public StreamTracks Tracks => Snapshot.Tracks;
    /// <summary>Parts published since the rendition was created (counts every part, also those that left the window).</summary>
    public long PartsPublished => Window.PartsPublished;
    /// <summary>Complete segments published since the rendition was created.</summary>
    public long SegmentsPublished => Window.SegmentsPublished;

    /// <summary>The media playlist as UTF-8, cached per version; <paramref name="reports"/> are appended.</summary>
    public ReadOnlyMemory<byte> RenderPlaylist(bool skip, IReadOnlyList<RenditionReport>? reports = null)
    {
        var body = Snapshot.Render(skip);
        if (reports is null || reports.Count == 0) return body;
        var builder = new System.Text.StringBuilder();
        MediaPlaylistWriter.AppendRenditionReports(builder, reports);
        var tail = System.Text.Encoding.UTF8.GetBytes(builder.ToString());
        var result = new byte[body.Length + tail.Length];
        body.CopyTo(result, 0);
        tail.CopyTo(result, body.Length);
        return result;
    }

    /// <summary>This rendition's EXT-X-RENDITION-REPORT as seen from a sibling, null before any media.</summary>
    public RenditionReport? GetReport() => Snapshot.Report(HlsNames.SiblingPlaylist(Name));

    /// <summary>Looks any object name up (init, part or segment; playlists are not objects); names of another instance are not found.</summary>
    public HlsObjectStatus Find(HlsObjectName name, out MediaObjectLease? lease)
    {
        if (name.Instance != Instance)
        {
            lease = null;
            return HlsObjectStatus.NotFound;
        }
        switch (name.Kind)
        {
            case HlsObjectKind.Init: return FindInit(name.InitIndex, out lease);
            case HlsObjectKind.Part: return FindPart(name.Msn, name.PartIndex, out lease);
            case HlsObjectKind.Segment: return FindSegment(name.Msn, out lease);
            default:
                lease = null;
                return HlsObjectStatus.NotFound;
        }
    }

    public HlsObjectStatus FindInit(int index, out MediaObjectLease? lease) => Window.FindInit(index, out lease);

    /// <summary>
    /// <see cref="HlsObjectStatus.Pending"/> means this is the preload-hinted part of a live session: the open
    /// segment's next part, or part 0 of the next segment once the hint named it. Wait with <see cref="WaitForPartAsync"/>.
    /// </summary>
    public HlsObjectStatus FindPart(long msn, int index, out MediaObjectLease? lease) => Window.FindPart(msn, index, out lease);

    /// <summary><see cref="HlsObjectStatus.Pending"/> means the segment is in progress.</summary>
    public HlsObjectStatus FindSegment(long msn, out MediaObjectLease? lease) => Window.FindSegment(msn, out lease);

    /// <summary>
    /// Blocking playlist reload (RFC 8216bis 6.2.5.2): completes when the playlist contains segment
    /// <paramref name="msn"/> (complete) or, with <paramref name="part"/> &gt;= 0, part <paramref name="part"/>
    /// of segment <paramref name="msn"/> or anything later. Returns at once with TooFarAhead when
    /// <paramref name="msn"/> is more than two past the last complete segment, or the part more than
    /// three past the last part. The limits apply when the request arrives: a request held once keeps waiting
    /// even if the playlist briefly looks shorter (a new segment without parts yet). The caller bounds the wait
    /// with <paramref name="cancellationToken"/>.
    /// </summary>
    public ValueTask<BlockingReloadResult> WaitForPlaylistAsync(long msn, int part, CancellationToken cancellationToken)
    {
        var snapshot = Snapshot;
        if (snapshot.Evaluate(msn, part) is { } result) return ValueTask.FromResult(result);
        return WaitSlow(msn, part, cancellationToken);
    }

    private async ValueTask<BlockingReloadResult> WaitSlow(long msn, int part, CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = Snapshot;
            if (snapshot.Evaluate(msn, part) is { } result && result != BlockingReloadResult.TooFarAhead) return result;
            if (cancellationToken.IsCancellationRequested) return BlockingReloadResult.Cancelled;
            await snapshot.Changed.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Completes when part (msn, index) exists, or once it is certain it never will: its segment ended without
    /// it, it left the window, or the session ended (NotProduced) or the rendition closed (Closed).
    /// </summary>
    public async ValueTask<PartWaitResult> WaitForPartAsync(long msn, int index, CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = Snapshot;
            if (snapshot.EvaluatePart(msn, index) is { } result) return result;
            if (cancellationToken.IsCancellationRequested) return PartWaitResult.Cancelled;
            await snapshot.Changed.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Variant figures for the multivariant playlist.</summary>
    internal RenditionSnapshot Current => Snapshot;

    /// <summary>Publishes the window's current state as a new version and wakes waiters (packager thread).</summary>
    internal void Commit(StreamTracks tracks)
    {
        var next = Build(tracks);
        var previous = Interlocked.Exchange(ref _snapshot, next);
        previous.MarkSuperseded();
    }

    internal void Close()
    {
        _closed = true;
        Window.Close();
        Commit(Snapshot.Tracks);
    }

    private RenditionSnapshot Build(StreamTracks tracks)
    {
        var window = Window;
        var segments = new PlaylistSegment[window.Segments.Count];
        long bytes = 0, duration = 0, peak = 0, frames = 0;
        for (var i = 0; i < segments.Length; i++)
        {
            var s = window.Segments[i];
            segments[i] = s.ToEntry(complete: true);
            bytes += s.Bytes;
            duration += s.Duration;
            frames += s.VideoFrames;
            if (s.Duration > 0) peak = Math.Max(peak, s.Bytes * 8 * PlaylistTime.Timescale / s.Duration);
        }
        var open = window.Open is { Parts.Count: > 0 } o ? o.ToEntry(complete: false) : null;
        if (segments.Length == 0 && window.Open is { Duration: > 0 } first)
        {
            bytes = first.Bytes;
            duration = first.Duration;
            frames = first.VideoFrames;
            peak = bytes * 8 * PlaylistTime.Timescale / duration;
        }

        // Parts are listed for the segments that end within three target durations of the live edge.
        var horizon = PartsHorizonTargets * _targetDuration * PlaylistTime.Timescale;
        var fromEdge = open?.Duration ?? 0;
        var firstWithParts = window.NextMsn;
        for (var i = segments.Length - 1; i >= 0 && fromEdge < horizon; i--)
        {
            firstWithParts = segments[i].Msn;
            fromEdge += segments[i].Duration;
        }

        var (hintMsn, hintIndex) = window.PreloadHint;
        var playlist = new MediaPlaylist
        {
            TargetDuration = _targetDuration,
            PartTarget = _partTarget,
            MediaSequence = segments.Length > 0 ? segments[0].Msn : window.NextMsn,
            DiscontinuitySequence = window.DiscontinuitySequence,
            Segments = segments,
            OpenSegment = open,
            FirstMsnWithParts = firstWithParts,
            PreloadHintUri = !_closed && window.CurrentInit >= 0 ? HlsNames.Part(Instance, hintMsn, hintIndex) : null,
        };
        var announced = (long)(tracks.Video?.AnnouncedBitrate ?? 0) + (tracks.Audio?.AnnouncedBitrate ?? 0);
        return new RenditionSnapshot
        {
            Version = ++_version,
            Playlist = playlist,
            NextMsn = window.NextMsn,
            OpenPartCount = window.Open?.Parts.Count ?? 0,
            IsLive = window.IsLive,
            IsClosed = _closed,
            Tracks = tracks,
            PeakBandwidth = peak > 0 ? peak : announced,
            AverageBandwidth = duration > 0 ? bytes * 8 * PlaylistTime.Timescale / duration : announced,
            MeasuredFrameRate = duration > 0 && frames > 0 ? (double)frames * PlaylistTime.Timescale / duration : 0,
        };
    }
}
