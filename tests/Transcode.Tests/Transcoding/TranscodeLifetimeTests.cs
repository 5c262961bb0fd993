using Streaming.Transcode.Packaging;
using Streaming.Transcode.Tests.FFmpeg;
using Streaming.Transcode.Transcoding;

namespace Streaming.Transcode.Tests.Transcoding;

[Collection(NativeMemoryCollection.Name)]
public sealed class TranscodeLifetimeTests : IClassFixture<TranscodeSources>
{
    private const int Cycles = 30;
    private const long MaxGrowthBytes = 40L * 1024 * 1024;
    private readonly TranscodeSources _sources;

    public TranscodeLifetimeTests(TranscodeSources sources) => _sources = sources;

    [Fact]
    public void Thirty_stream_start_stop_cycles_release_native_memory()
    {
        var options = LadderRun.Options(o => o.Ladder = [new TranscodeRungOptions { Height = 180, VideoBitrate = 300 }, new TranscodeRungOptions { Height = 120, VideoBitrate = 150 }]);
        var flv = _sources.Tiny;
        Cycle();
        Cycle();
        var before = Rss();
        for (var i = 0; i < Cycles; i++) Cycle();
        var growth = Rss() - before;
        Assert.True(growth < MaxGrowthBytes, $"RSS grew by {growth / (1024 * 1024)} MB over {Cycles} cycles.");

        void Cycle()
        {
            var run = LadderRun.Execute(flv, 30, options, maxVideoFrames: 20);
            Assert.Equal([OriginStream.SourceRendition, "180p", "120p"], run.Stream.Renditions.Select(r => r.Name));
            Assert.NotEmpty(run.Segments("120p"));
            run.Stream.Close();
        }
    }

    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
