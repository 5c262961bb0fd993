using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.Packaging;
using Streaming.Transcode.Tests.Cmaf;
using Streaming.Transcode.Transcoding;

namespace Streaming.Transcode.Tests.Transcoding;

/// <summary>
/// Runs a whole publish through an <see cref="OriginStream"/> (source rendition, as the origin link does)
/// and a <see cref="StreamTranscoder"/> reading the stream's <see cref="LiveStream"/>, without network:
/// everything is queued first, then the transcoder runs on the test thread until the queue completes.
/// </summary>
internal sealed class LadderRun
{
    private LadderRun(OriginStream stream, StreamTranscoder transcoder)
    {
        Stream = stream;
        Transcoder = transcoder;
    }

    public OriginStream Stream { get; }
    public StreamTranscoder Transcoder { get; }

    public static HlsOptions Hls() => new() { WindowSegments = 30 };

    public static TranscodeOptions Options(Action<TranscodeOptions>? configure = null)
    {
        var options = new TranscodeOptions { QueueCapacity = 16_384, EncoderThreads = 2 };
        configure?.Invoke(options);
        return options;
    }

    public static LadderRun Execute(FlvTestFile flv, double frameRate, TranscodeOptions options, ISet<int>? corrupt = null,
        int maxVideoFrames = int.MaxValue, TranscodeMetrics? metrics = null)
    {
        var hls = Hls();
        var stream = new OriginStream("cam", hls, TimeProvider.System);
        var live = new LiveStream("cam");
        var queue = live.AddReader(options.QueueCapacity);
        var transcoder = new StreamTranscoder(stream, queue, options, hls, metrics, TimeProvider.System,
            NullLogger.Instance);
        var tracks = FlvFeed.Tracks(flv, frameRate);
        live.SetTracks(tracks);
        stream.Process(StreamEvent.ForTracks(tracks));
        foreach (var frame in FlvFeed.Frames(flv, corrupt, maxVideoFrames))
        {
            live.Publish(frame.AddRef());
            stream.Process(StreamEvent.ForFrame(frame));
        }
        live.EndSession();
        stream.Process(StreamEvent.ForSessionEnd());
        live.Close();
        Assert.Equal(0, queue.DroppedFrames);
        transcoder.Run();
        Assert.True(transcoder.Completion.IsCompleted);
        return new LadderRun(stream, transcoder);
    }

    public HlsRendition Rendition(string name)
    {
        Assert.True(Stream.TryGetRendition(name, out var rendition), $"rendition {name} missing");
        return rendition;
    }

    public byte[] Init(string name, int index = 0)
    {
        Assert.Equal(HlsObjectStatus.Found, Rendition(name).FindInit(index, out var lease));
        using (lease) return Bytes(lease!);
    }

    /// <summary>The complete segments by MSN.</summary>
    public SortedDictionary<long, byte[]> Segments(string name)
    {
        var rendition = Rendition(name);
        var result = new SortedDictionary<long, byte[]>();
        for (long msn = 0; msn < 1000; msn++)
        {
            var status = rendition.FindSegment(msn, out var lease);
            if (status != HlsObjectStatus.Found) break;
            using (lease) result[msn] = Bytes(lease!);
        }
        return result;
    }

    /// <summary>First video sample PTS (90 kHz) of every segment, by MSN, read from the fMP4 bytes.</summary>
    public SortedDictionary<long, long> FirstVideoPts(string name)
    {
        var track = Fmp4Reader.FindVideoTrack(Init(name));
        return new SortedDictionary<long, long>(Segments(name).ToDictionary(s => s.Key,
            s => MediaTime.Rescale(Fmp4Reader.FirstSamplePts(s.Value, track.TrackId), track.Timescale, MediaTime.Timescale)));
    }

    /// <summary>init.mp4 followed by every complete segment, written to a file ffprobe can read.</summary>
    public string WriteFile(string name, string directory)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}-{name}.mp4");
        using var file = File.Create(path);
        file.Write(Init(name));
        foreach (var segment in Segments(name).Values) file.Write(segment);
        return path;
    }

    private static byte[] Bytes(MediaObjectLease lease)
    {
        var result = new byte[lease.Length];
        var pos = 0;
        foreach (var chunk in lease.Chunks)
        {
            chunk.Span.CopyTo(result.AsSpan(pos));
            pos += chunk.Length;
        }
        return result;
    }
}
