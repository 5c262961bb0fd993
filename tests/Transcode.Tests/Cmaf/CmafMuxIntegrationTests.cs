using System.Buffers;
using System.Globalization;
using Streaming.Shared.Codecs;
using Streaming.Shared.Media;
using Streaming.Transcode.Cmaf;

namespace Streaming.Transcode.Tests.Cmaf;

public class CmafMuxIntegrationTests : IClassFixture<FlvSourceFixture>
{
    private const int FragmentMs = 500;
    private readonly FlvSourceFixture _source;

    public CmafMuxIntegrationTests(FlvSourceFixture source) => _source = source;

    [Fact]
    public void Fmp4_from_an_flv_decodes_cleanly_with_all_frames()
    {
        var path = WriteFmp4("both.mp4", video: true, audio: true);

        var streams = ExternalTool.ProbeStreams(path, "-count_frames");
        var (_, errors) = ExternalTool.Run("ffmpeg", "-v", "error", "-i", path, "-f", "null", "-");

        Assert.Equal(2, streams.Count);
        var video = streams.Single(s => s["codec_type"] == "video");
        var audio = streams.Single(s => s["codec_type"] == "audio");
        Assert.Equal("h264", video["codec_name"]);
        Assert.Equal("640", video["width"]);
        Assert.Equal("360", video["height"]);
        Assert.Equal("120", video["nb_read_frames"]);
        Assert.Equal("aac", audio["codec_name"]);
        Assert.Equal("48000", audio["sample_rate"]);
        Assert.Equal(_source.Flv.Audio.Count.ToString(CultureInfo.InvariantCulture), audio["nb_read_frames"]);
        Assert.Equal("", errors.Trim());
    }

    [Fact]
    public void Video_presentation_and_decode_times_equal_the_source_with_b_frames()
    {
        var path = WriteFmp4("times.mp4", video: true, audio: true);

        var source = VideoPacketTimes(_source.FlvPath);
        var muxed = VideoPacketTimes(path);

        Assert.Contains(_source.Flv.Video, tag => tag.CompositionTime > 0); // B-frames really present
        Assert.Equal(120, source.Count);
        Assert.Equal(source, muxed);
    }

    [Fact]
    public void Video_only_stream_with_video_only_init_segment_plays()
    {
        var path = WriteFmp4("video.mp4", video: true, audio: false);

        var streams = ExternalTool.ProbeStreams(path, "-count_frames");
        var (_, errors) = ExternalTool.Run("ffmpeg", "-v", "error", "-i", path, "-f", "null", "-");

        var stream = Assert.Single(streams);
        Assert.Equal("h264", stream["codec_name"]);
        Assert.Equal("120", stream["nb_read_frames"]);
        Assert.Equal("", errors.Trim());
    }

    [Fact]
    public void Audio_only_stream_with_audio_only_init_segment_plays()
    {
        var path = WriteFmp4("audio.mp4", video: false, audio: true);

        var streams = ExternalTool.ProbeStreams(path, "-count_frames");
        var (_, errors) = ExternalTool.Run("ffmpeg", "-v", "error", "-i", path, "-f", "null", "-");

        var stream = Assert.Single(streams);
        Assert.Equal("aac", stream["codec_name"]);
        Assert.Equal("48000", stream["sample_rate"]);
        Assert.Equal("1", stream["channels"]);
        Assert.Equal(_source.Flv.Audio.Count.ToString(CultureInfo.InvariantCulture), stream["nb_read_frames"]);
        Assert.Equal("", errors.Trim());
    }

    [Theory]
    [InlineData(true, false, "h264")]
    [InlineData(false, true, "aac")]
    public void Init_segment_alone_is_accepted_by_ffprobe(bool video, bool audio, string codec)
    {
        var path = Path.Combine(_source.WorkDirectory, $"init-{codec}.mp4");
        File.WriteAllBytes(path, CmafInitSegment.Write(video ? VideoTrack() : null, audio ? AudioTrack() : null));

        var stream = Assert.Single(ExternalTool.ProbeStreams(path));

        Assert.Equal(codec, stream["codec_name"]);
        if (video) Assert.Equal("640", stream["width"]);
        else Assert.Equal("48000", stream["sample_rate"]);
    }

    private TrackInfo VideoTrack()
    {
        Assert.True(AvcDecoderConfiguration.TryParse(_source.Flv.AvcConfig, out var avc));
        return new TrackInfo
        {
            Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = avc.Raw,
            Width = avc.Width, Height = avc.Height, CodecString = avc.CodecString,
        };
    }

    private TrackInfo AudioTrack()
    {
        Assert.True(AudioSpecificConfig.TryParse(_source.Flv.AudioSpecificConfig, out var asc));
        return new TrackInfo
        {
            Kind = TrackKind.Audio, Codec = CodecId.Aac, CodecConfig = asc.Raw,
            SampleRate = asc.SampleRate, Channels = asc.Channels, CodecString = asc.CodecString,
        };
    }

    private string WriteFmp4(string name, bool video, bool audio)
    {
        var flv = _source.Flv;
        var videoSamples = flv.Video.Select((tag, i) => new CmafSample(
            (uint)((i + 1 < flv.Video.Count ? flv.Video[i + 1].Dts - tag.Dts : 33) * 90),
            tag.CompositionTime * 90, tag.IsKeyframe, tag.Data)).ToArray();
        var audioSamples = flv.Audio.Select(tag => new CmafSample(1024, 0, true, tag.Data)).ToArray();

        var output = new ArrayBufferWriter<byte>();
        output.Write(CmafInitSegment.Write(video ? VideoTrack() : null, audio ? AudioTrack() : null));
        var lastMs = Math.Max(flv.Video[^1].Dts, flv.Audio.Count * 1024 * 1000 / 48000);
        uint sequence = 1;
        int v = 0, a = 0;
        for (var end = FragmentMs; v < flv.Video.Count || a < flv.Audio.Count; end += FragmentMs)
        {
            var last = end > lastMs;
            var v0 = v;
            while (v < flv.Video.Count && (last || flv.Video[v].Dts < end)) v++;
            var a0 = a;
            while (a < flv.Audio.Count && (last || (long)a * 1024 * 1000 / 48000 < end)) a++;
            var vs = video ? videoSamples.AsSpan(v0, v - v0) : Span<CmafSample>.Empty;
            var aus = audio ? audioSamples.AsSpan(a0, a - a0) : Span<CmafSample>.Empty;
            if (vs.IsEmpty && aus.IsEmpty) continue;
            CmafFragment.Write(output, sequence++, (long)flv.Video[v0 < flv.Video.Count ? v0 : 0].Dts * 90, vs,
                (long)a0 * 1024, aus);
        }
        var path = Path.Combine(_source.WorkDirectory, name);
        File.WriteAllBytes(path, output.WrittenSpan.ToArray());
        return path;
    }

    private static List<string> VideoPacketTimes(string path)
    {
        var (output, _) = ExternalTool.Run("ffprobe", "-v", "error", "-select_streams", "v",
            "-show_entries", "packet=pts_time,dts_time", "-of", "csv=p=0", path);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
