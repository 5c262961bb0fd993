using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Streaming.Shared.Streams;
using Streaming.Transcode.FFmpeg;
using Streaming.Transcode.Origin;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Transcoding;

/// <summary>
/// Starts a <see cref="StreamTranscoder"/> (own thread, own bounded queue) for every stream that appears at
/// the origin; the job ends when the stream's <see cref="LiveStream"/> closes. If the FFmpeg libraries are
/// not the ones the bindings were written for, or transcoding is disabled, the origin serves sources only.
/// </summary>
public sealed partial class TranscoderService : IHostedService
{
    private readonly OriginHub _hub;
    private readonly TranscodeOptions _options;
    private readonly HlsOptions _hls;
    private readonly TranscodeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<TranscoderService> _logger;
    private readonly ConcurrentDictionary<StreamTranscoder, (LiveStream Frames, FrameQueue Queue)> _jobs = new();
    private volatile bool _running;

    public TranscoderService(OriginHub hub, IOptions<TranscodeOptions> options, IOptions<HlsOptions> hls,
        TranscodeMetrics metrics, TimeProvider time, ILoggerFactory loggers)
    {
        _hub = hub;
        _options = options.Value;
        _hls = hls.Value;
        _metrics = metrics;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<TranscoderService>();
    }

    /// <summary>Running stream jobs.</summary>
    public int Count => _jobs.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            LogDisabled(_logger);
            return Task.CompletedTask;
        }
        var check = FfmpegRuntime.Verify();
        if (!check.IsSupported)
        {
            _metrics.CountError("ffmpeg_version");
            LogUnsupportedRuntime(_logger, check.Message);
            return Task.CompletedTask;
        }
        FfmpegRuntime.SetLogLevel(FfmpegLogLevel.Quiet);
        LogStarted(_logger, check.Message);
        _running = true;
        _hub.StreamOpened += OnStreamOpened;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _running = false;
        _hub.StreamOpened -= OnStreamOpened;
        foreach (var job in _jobs.Keys) job.Stop();
        var all = Task.WhenAll(_jobs.Keys.Select(j => j.Completion));
        await all.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var (_, (frames, queue)) in _jobs) frames.RemoveReader(queue);
    }

    private void OnStreamOpened(OriginStream stream, LiveStream frames)
    {
        if (!_running) return;
        var queue = frames.AddReader(_options.QueueCapacity);
        var job = new StreamTranscoder(stream, queue, _options, _hls, _metrics, _time,
            _loggers.CreateLogger<StreamTranscoder>());
        _jobs[job] = (frames, queue);
        job.Completion.ContinueWith(finished =>
        {
            _jobs.TryRemove(job, out _);
            frames.RemoveReader(queue);
        }, TaskScheduler.Default);
        job.Start();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcoding is disabled (Streaming:Transcode:Enabled=false): sources only")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transcoding is off: {Message}")]
    private static partial void LogUnsupportedRuntime(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcoder ready: {Message}")]
    private static partial void LogStarted(ILogger logger, string message);
}
