using System.Diagnostics.CodeAnalysis;
using System.Text;
using Streaming.Shared.Codecs;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Shared.Hls;
using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// One published stream at the origin: its renditions (<see cref="SourceRendition"/> packaged from
/// the ingest frames; transcoded rungs added with <see cref="AddRendition"/>), the multivariant playlist
/// and the session state. <see cref="Process"/> is called from one thread (the link reader); everything
/// else from any thread.
/// </summary>
public sealed class OriginStream
{
    public const string SourceRendition = "source";

    private readonly HlsOptions _options;
    private readonly TimeProvider _time;
    private readonly object _renditionsLock = new();
    private RenditionPackager[] _packagers;
    private int _live;
    private long _lastSessionEndTicks = -1;
    private long _lastActivityTicks;

    public OriginStream(string name, HlsOptions options, TimeProvider time)
    {
        Name = name;
        _options = options;
        _time = time;
        Instance = StreamInstance.NewRandom();
        Source = new RenditionPackager(SourceRendition, options, Instance);
        _packagers = [Source];
        Touch();
    }

    public string Name { get; }
    /// <summary>
    /// Drawn when the origin creates the stream: every object name of every rendition carries it, so a stream created
    /// anew (after the reconnect window, an origin restart or on another origin) never reuses a URL; reconnects
    /// within the window continue this instance.
    /// </summary>
    public StreamInstance Instance { get; }
    public RenditionPackager Source { get; }
    public IReadOnlyList<HlsRendition> Renditions => Volatile.Read(ref _packagers).Select(p => p.Rendition).ToArray();
    /// <summary>A publisher session is running (set by Tracks/Frame events, cleared by SessionEnded).</summary>
    public bool IsLive => Volatile.Read(ref _live) == 1;
    public DateTimeOffset? LastSessionEndedAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastSessionEndTicks);
            return ticks < 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Feeds the source rendition; takes over the event's frame reference.</summary>
    public void Process(in StreamEvent item)
    {
        if (item.Kind == StreamEventKind.SessionEnded)
        {
            Volatile.Write(ref _live, 0);
            Interlocked.Exchange(ref _lastSessionEndTicks, _time.GetUtcNow().UtcTicks);
        }
        else Volatile.Write(ref _live, 1);
        Source.Process(item);
    }

    /// <summary>Adds a rendition (a transcoder rung) fed through its own packager; the name is a path segment.</summary>
    public RenditionPackager AddRendition(string name)
    {
        if (!IsValidRenditionName(name)) throw new ArgumentException($"'{name}' is not a valid rendition name.", nameof(name));
        lock (_renditionsLock)
        {
            if (_packagers.Any(p => p.Rendition.Name == name)) throw new InvalidOperationException($"Rendition '{name}' exists.");
            var packager = new RenditionPackager(name, _options, Instance);
            Volatile.Write(ref _packagers, [.. _packagers, packager]);
            return packager;
        }
    }

    public bool TryGetRendition(string name, [NotNullWhen(true)] out HlsRendition? rendition)
    {
        foreach (var packager in Volatile.Read(ref _packagers))
        {
            if (packager.Rendition.Name == name)
            {
                rendition = packager.Rendition;
                return true;
            }
        }
        rendition = null;
        return false;
    }

    /// <summary>The media playlist of <paramref name="rendition"/> with reports of its siblings that have media.</summary>
    public ReadOnlyMemory<byte> RenderMediaPlaylist(HlsRendition rendition, bool skip)
    {
        var packagers = Volatile.Read(ref _packagers);
        if (packagers.Length == 1) return rendition.RenderPlaylist(skip);
        var reports = new List<RenditionReport>(packagers.Length - 1);
        foreach (var p in packagers)
        {
            if (p.Rendition != rendition && p.Rendition.GetReport() is { } report) reports.Add(report);
        }
        return rendition.RenderPlaylist(skip, reports);
    }

    /// <summary>The multivariant playlist; false until some rendition has tracks and a bitrate (measured or announced).</summary>
    public bool TryRenderMasterPlaylist(out ReadOnlyMemory<byte> playlist)
    {
        var variants = new List<VariantStream>();
        foreach (var p in Volatile.Read(ref _packagers))
        {
            var s = p.Rendition.Current;
            if (s.Tracks.IsEmpty || s.PeakBandwidth <= 0) continue;
            var video = s.Tracks.Video;
            var frameRate = video is null ? 0 : video.FrameRate > 0 ? video.FrameRate : s.MeasuredFrameRate;
            variants.Add(new VariantStream(HlsNames.RenditionPlaylist(p.Rendition.Name), s.PeakBandwidth,
                s.AverageBandwidth, CodecStrings.ForTracks(s.Tracks), Width(video), Height(video), frameRate));
        }
        playlist = variants.Count == 0 ? default : Encoding.UTF8.GetBytes(MasterPlaylistWriter.Write(new MasterPlaylist(variants)));
        return variants.Count > 0;
    }

    /// <summary>Removes every rendition's objects; waiters complete with Closed.</summary>
    public void Close()
    {
        foreach (var p in Volatile.Read(ref _packagers)) p.Close();
    }

    internal void Touch() => Interlocked.Exchange(ref _lastActivityTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>No session, and none for <paramref name="window"/> since the last session end (or creation).</summary>
    internal bool IsExpired(DateTimeOffset now, TimeSpan window)
    {
        if (IsLive) return false;
        var last = Math.Max(Interlocked.Read(ref _lastActivityTicks), Interlocked.Read(ref _lastSessionEndTicks));
        return now.UtcTicks - last >= window.Ticks;
    }

    public static bool IsValidRenditionName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static int Width(TrackInfo? video) => video is null ? 0 : video.Width > 0 ? video.Width
        : AvcDecoderConfiguration.TryParse(video.CodecConfig, out var avc) ? avc.Width : 0;

    private static int Height(TrackInfo? video) => video is null ? 0 : video.Height > 0 ? video.Height
        : AvcDecoderConfiguration.TryParse(video.CodecConfig, out var avc) ? avc.Height : 0;
}
