using System.Globalization;
using Streaming.Transcode.Packaging;
using Streaming.Transcode.Tests.FFmpeg;

namespace Streaming.Transcode.Tests.Transcoding;

[Collection(FfmpegCollection.Name)]
public sealed class StreamTranscoderTests : IClassFixture<TranscodeSources>
{
    private readonly TranscodeSources _sources;

    public StreamTranscoderTests(TranscodeSources sources) => _sources = sources;

    [Fact]
    public void A_720p30_source_with_b_frames_gets_480p_and_360p_rungs_whose_segments_start_at_the_source_pts()
    {
        Assert.Contains(_sources.Hd.Video, tag => tag.CompositionTime > 0); // B-frames really present
        var run = LadderRun.Execute(_sources.Hd, 30, LadderRun.Options());

        Assert.Equal([OriginStream.SourceRendition, "480p", "360p"], run.Stream.Renditions.Select(r => r.Name));
        var source = run.FirstVideoPts(OriginStream.SourceRendition);
        Assert.Equal([0L, 1, 2], source.Keys);
        foreach (var rung in new[] { "480p", "360p" })
        {
            Assert.Equal(source, run.FirstVideoPts(rung));
        }

        AssertRendition(run, "480p", 854, 480, "30/1", frames: 180, gop: 60, audio: true);
        AssertRendition(run, "360p", 640, 360, "30/1", frames: 180, gop: 60, audio: true);
    }

    [Fact]
    public void Garbage_access_units_mid_gop_are_skipped_to_the_next_keyframe_and_the_rung_stays_aligned_and_decodable()
    {
        var run = LadderRun.Execute(_sources.Hd, 30, LadderRun.Options(), corrupt: new HashSet<int> { 70, 71, 72 });

        var source = run.FirstVideoPts(OriginStream.SourceRendition);
        Assert.Equal(source, run.FirstVideoPts("360p"));
        var path = run.WriteFile("360p", _sources.WorkDirectory);
        var video = MediaProbe.Video(path);
        var packets = int.Parse(video["nb_read_packets"], CultureInfo.InvariantCulture);
        Assert.InRange(packets, 120, 140); // frames 70..119 of the broken GOP are gone, the rest is there
        Assert.Equal(3, MediaProbe.KeyframeIndices(path).Count);
        Assert.Equal("", MediaProbe.DecodeErrors(path));
    }

    [Fact]
    public void A_60_fps_source_keeps_60_fps_and_its_keyframe_interval()
    {
        var run = LadderRun.Execute(_sources.Sixty, 60, LadderRun.Options(o => o.Include240p = true));

        Assert.Equal([OriginStream.SourceRendition, "240p"], run.Stream.Renditions.Select(r => r.Name));
        Assert.Equal(run.FirstVideoPts(OriginStream.SourceRendition), run.FirstVideoPts("240p"));
        AssertRendition(run, "240p", 426, 240, "60/1", frames: 180, gop: 60, audio: true);
    }

    [Fact]
    public void A_video_only_source_gets_video_only_rungs()
    {
        var run = LadderRun.Execute(_sources.VideoOnly, 30, LadderRun.Options(o => o.Include240p = true));

        Assert.Equal(run.FirstVideoPts(OriginStream.SourceRendition), run.FirstVideoPts("240p"));
        AssertRendition(run, "240p", 426, 240, "30/1", frames: 90, gop: 30, audio: false);
    }

    [Fact]
    public void A_source_with_a_single_keyframe_gets_bounded_segments_and_rungs_with_an_idr_at_every_segment_start()
    {
        Assert.Single(_sources.NoKeyframes.Video, tag => tag.IsKeyframe);
        var run = LadderRun.Execute(_sources.NoKeyframes, 30, LadderRun.Options(o => o.Include240p = true));

        // 12 s cut at the 4.467 s maximum (TARGETDURATION 4): two full segments and the one the session end closed.
        var source = run.FirstVideoPts(OriginStream.SourceRendition);
        Assert.Equal([0L, 1, 2], source.Keys);
        var rung = run.FirstVideoPts("240p");
        Assert.Equal(source.Keys, rung.Keys);
        // The rung's IDRs come a couple of frames before the source rendition's own maximum cut.
        Assert.All(rung, s => Assert.InRange(source[s.Key] - s.Value, 0, 4 * 3000));
        var path = run.WriteFile("240p", _sources.WorkDirectory);
        var keyframes = MediaProbe.KeyframeIndices(path);
        Assert.Equal(3, keyframes.Count); // exactly one IDR per segment, at its start
        Assert.Equal(0, keyframes[0]);
        Assert.Equal("", MediaProbe.DecodeErrors(path));
    }

    [Fact]
    public void An_audio_only_source_is_served_as_the_source_rendition_only()
    {
        var run = LadderRun.Execute(_sources.AudioOnly, 0, LadderRun.Options(o => o.Include240p = true));

        Assert.Equal([OriginStream.SourceRendition], run.Stream.Renditions.Select(r => r.Name));
        Assert.Empty(run.Transcoder.RenditionNames);
        Assert.NotEmpty(run.Segments(OriginStream.SourceRendition));
    }

    [Fact]
    public void Shedding_load_switches_presets_and_drops_the_highest_rung_only_at_segment_cuts()
    {
        // Every sample counts as overloaded: the shedder climbs to its top level (superfast, ultrafast, 480p dropped).
        var run = LadderRun.Execute(_sources.Hd, 30, LadderRun.Options(o =>
        {
            o.ShedBelowSpeed = 1e5;
            o.RestoreAboveSpeed = 1e6;
            o.ShedAfterSeconds = 0.01;
            o.SpeedWindowSeconds = 0.05;
        }));

        Assert.Equal(3, run.Transcoder.ShedLevel);
        var source = run.FirstVideoPts(OriginStream.SourceRendition);
        var lowest = run.FirstVideoPts("360p");
        Assert.Equal(source, lowest);
        // Presets switched with the SPS/PPS pinned: same avcC, so no new init segment and no discontinuity.
        Assert.Equal(HlsObjectStatus.NotFound, run.Rendition("360p").FindInit(1, out _));
        var highest = run.FirstVideoPts("480p");
        Assert.True(highest.Count < source.Count, "480p must have been dropped before the end");
        Assert.All(highest, s => Assert.Equal(source[s.Key], s.Value));
        Assert.Equal("", MediaProbe.DecodeErrors(run.WriteFile("360p", _sources.WorkDirectory)));
    }

    private void AssertRendition(LadderRun run, string name, int width, int height, string frameRate, int frames, int gop, bool audio)
    {
        var path = run.WriteFile(name, _sources.WorkDirectory);
        var streams = MediaProbe.Streams(path);
        var video = MediaProbe.Video(path);
        Assert.Equal("h264", video["codec_name"]);
        Assert.Equal(width.ToString(CultureInfo.InvariantCulture), video["width"]);
        Assert.Equal(height.ToString(CultureInfo.InvariantCulture), video["height"]);
        Assert.Equal(frameRate, video["r_frame_rate"]);
        Assert.Equal(frames.ToString(CultureInfo.InvariantCulture), video["nb_read_packets"]);
        Assert.Equal(Enumerable.Range(0, (frames + gop - 1) / gop).Select(i => i * gop), MediaProbe.KeyframeIndices(path));
        Assert.Equal(audio, streams.Any(s => s["codec_type"] == "audio" && s["codec_name"] == "aac"));
        Assert.Equal("", MediaProbe.DecodeErrors(path));
    }
}
