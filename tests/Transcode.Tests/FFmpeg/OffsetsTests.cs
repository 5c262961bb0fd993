using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Streaming.Transcode.FFmpeg.Native;

namespace Streaming.Transcode.Tests.FFmpeg;

/// <summary>
/// Compiles a C program against the installed FFmpeg headers that prints offsetof/sizeof of every
/// field the bindings touch and the value of every macro they use, then compares with the C# views.
/// Fails (never skips) when gcc, pkg-config or the headers are missing.
/// </summary>
public sealed class OffsetsTests
{
    /// <summary>C# view field -> C struct field.</summary>
    private static readonly (Type View, string Field, string CStruct, string CField)[] Fields =
    [
        (typeof(AVCodecContext), nameof(AVCodecContext.PrivData), "AVCodecContext", "priv_data"),
        (typeof(AVCodecContext), nameof(AVCodecContext.BitRate), "AVCodecContext", "bit_rate"),
        (typeof(AVCodecContext), nameof(AVCodecContext.Flags), "AVCodecContext", "flags"),
        (typeof(AVCodecContext), nameof(AVCodecContext.Extradata), "AVCodecContext", "extradata"),
        (typeof(AVCodecContext), nameof(AVCodecContext.ExtradataSize), "AVCodecContext", "extradata_size"),
        (typeof(AVCodecContext), nameof(AVCodecContext.TimeBase), "AVCodecContext", "time_base"),
        (typeof(AVCodecContext), nameof(AVCodecContext.Width), "AVCodecContext", "width"),
        (typeof(AVCodecContext), nameof(AVCodecContext.Height), "AVCodecContext", "height"),
        (typeof(AVCodecContext), nameof(AVCodecContext.GopSize), "AVCodecContext", "gop_size"),
        (typeof(AVCodecContext), nameof(AVCodecContext.PixFmt), "AVCodecContext", "pix_fmt"),
        (typeof(AVCodecContext), nameof(AVCodecContext.MaxBFrames), "AVCodecContext", "max_b_frames"),
        (typeof(AVCodecContext), nameof(AVCodecContext.RcBufferSize), "AVCodecContext", "rc_buffer_size"),
        (typeof(AVCodecContext), nameof(AVCodecContext.RcMaxRate), "AVCodecContext", "rc_max_rate"),
        (typeof(AVCodecContext), nameof(AVCodecContext.ThreadCount), "AVCodecContext", "thread_count"),
        (typeof(AVCodecContext), nameof(AVCodecContext.Framerate), "AVCodecContext", "framerate"),
        (typeof(AVCodecContext), nameof(AVCodecContext.PktTimebase), "AVCodecContext", "pkt_timebase"),
        (typeof(AVFrame), nameof(AVFrame.Data), "AVFrame", "data"),
        (typeof(AVFrame), nameof(AVFrame.Linesize), "AVFrame", "linesize"),
        (typeof(AVFrame), nameof(AVFrame.Width), "AVFrame", "width"),
        (typeof(AVFrame), nameof(AVFrame.Height), "AVFrame", "height"),
        (typeof(AVFrame), nameof(AVFrame.Format), "AVFrame", "format"),
        (typeof(AVFrame), nameof(AVFrame.KeyFrame), "AVFrame", "key_frame"),
        (typeof(AVFrame), nameof(AVFrame.PictType), "AVFrame", "pict_type"),
        (typeof(AVFrame), nameof(AVFrame.Pts), "AVFrame", "pts"),
        (typeof(AVPacket), nameof(AVPacket.Buf), "AVPacket", "buf"),
        (typeof(AVPacket), nameof(AVPacket.Pts), "AVPacket", "pts"),
        (typeof(AVPacket), nameof(AVPacket.Dts), "AVPacket", "dts"),
        (typeof(AVPacket), nameof(AVPacket.Data), "AVPacket", "data"),
        (typeof(AVPacket), nameof(AVPacket.Size), "AVPacket", "size"),
        (typeof(AVPacket), nameof(AVPacket.Flags), "AVPacket", "flags"),
        (typeof(AVPacket), nameof(AVPacket.Duration), "AVPacket", "duration"),
        (typeof(AVRational), nameof(AVRational.Num), "AVRational", "num"),
        (typeof(AVRational), nameof(AVRational.Den), "AVRational", "den"),
    ];

    /// <summary>NativeConstants member -> C expression.</summary>
    private static readonly (string Constant, string CExpression)[] Constants =
    [
        (nameof(NativeConstants.AvNumDataPointers), "AV_NUM_DATA_POINTERS"),
        (nameof(NativeConstants.AvInputBufferPaddingSize), "AV_INPUT_BUFFER_PADDING_SIZE"),
        (nameof(NativeConstants.AvCodecIdH264), "AV_CODEC_ID_H264"),
        (nameof(NativeConstants.AvPixFmtYuv420P), "AV_PIX_FMT_YUV420P"),
        (nameof(NativeConstants.AvPixFmtNone), "AV_PIX_FMT_NONE"),
        (nameof(NativeConstants.AvPictureTypeNone), "AV_PICTURE_TYPE_NONE"),
        (nameof(NativeConstants.AvPictureTypeI), "AV_PICTURE_TYPE_I"),
        (nameof(NativeConstants.AvCodecFlagGlobalHeader), "(int)AV_CODEC_FLAG_GLOBAL_HEADER"),
        (nameof(NativeConstants.AvCodecFlagClosedGop), "(int)AV_CODEC_FLAG_CLOSED_GOP"),
        (nameof(NativeConstants.AvPktFlagKey), "AV_PKT_FLAG_KEY"),
        (nameof(NativeConstants.AvNoPtsValue), "AV_NOPTS_VALUE"),
        (nameof(NativeConstants.SwsBilinear), "SWS_BILINEAR"),
        (nameof(NativeConstants.SwsBicubic), "SWS_BICUBIC"),
        (nameof(NativeConstants.AvErrorEagain), "AVERROR(EAGAIN)"),
        (nameof(NativeConstants.AvErrorEinval), "AVERROR(EINVAL)"),
        (nameof(NativeConstants.AvErrorEnomem), "AVERROR(ENOMEM)"),
        (nameof(NativeConstants.AvErrorEof), "AVERROR_EOF"),
        (nameof(NativeConstants.AvErrorInvalidData), "AVERROR_INVALIDDATA"),
        (nameof(NativeConstants.AvErrorEncoderNotFound), "AVERROR_ENCODER_NOT_FOUND"),
        (nameof(NativeConstants.AvErrorDecoderNotFound), "AVERROR_DECODER_NOT_FOUND"),
        (nameof(NativeConstants.AvErrorOptionNotFound), "AVERROR_OPTION_NOT_FOUND"),
        (nameof(NativeConstants.AvLogQuiet), "AV_LOG_QUIET"),
        (nameof(NativeConstants.AvLogError), "AV_LOG_ERROR"),
        (nameof(NativeConstants.AvLogWarning), "AV_LOG_WARNING"),
        (nameof(NativeConstants.AvLogInfo), "AV_LOG_INFO"),
        (nameof(NativeConstants.LibAvCodecVersionMajor), "LIBAVCODEC_VERSION_MAJOR"),
        (nameof(NativeConstants.LibAvUtilVersionMajor), "LIBAVUTIL_VERSION_MAJOR"),
        (nameof(NativeConstants.LibSwScaleVersionMajor), "LIBSWSCALE_VERSION_MAJOR"),
    ];

    [Fact]
    public void Every_struct_field_offset_size_and_constant_matches_the_installed_FFmpeg_headers()
    {
        var native = CompileAndRunProbe();
        var mismatches = new List<string>();
        foreach (var (view, field, cStruct, cField) in Fields)
        {
            var key = $"{cStruct}.{cField}";
            var offset = (long)Marshal.OffsetOf(view, field);
            var size = FieldSize(view.GetField(field)!.FieldType);
            if (native[$"offset:{key}"] != offset) mismatches.Add($"{key} offset: C# {offset}, C {native[$"offset:{key}"]}");
            if (native[$"size:{key}"] != size) mismatches.Add($"{key} size: C# {size}, C {native[$"size:{key}"]}");
        }
        foreach (var (constant, expression) in Constants)
        {
            var value = Convert.ToInt64(typeof(NativeConstants).GetField(constant)!.GetRawConstantValue(), CultureInfo.InvariantCulture);
            if (native[$"const:{constant}"] != value) mismatches.Add($"{expression}: C# {value}, C {native[$"const:{constant}"]}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Every_offset_constant_is_used_by_a_view_field_and_covered_by_the_header_check()
    {
        var views = new Dictionary<Type, Type>
        {
            [typeof(Offsets.CodecContext)] = typeof(AVCodecContext),
            [typeof(Offsets.Frame)] = typeof(AVFrame),
            [typeof(Offsets.Packet)] = typeof(AVPacket),
        };
        Assert.Equal(views.Keys.OrderBy(t => t.Name), typeof(Offsets).GetNestedTypes().OrderBy(t => t.Name));
        foreach (var (offsets, view) in views)
        {
            var constants = offsets.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).ToList();
            var fields = view.GetFields(BindingFlags.Public | BindingFlags.Instance);
            Assert.Equal(constants.Select(c => c.Name).Order(), fields.Select(f => f.Name).Order());
            foreach (var constant in constants)
                Assert.Equal((int)constant.GetRawConstantValue()!, (int)Marshal.OffsetOf(view, constant.Name));
            Assert.All(fields, f => Assert.Contains(Fields, row => row.View == view && row.Field == f.Name));
        }
        var allConstants = typeof(NativeConstants).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral);
        Assert.All(allConstants, c => Assert.Contains(Constants, row => row.Constant == c.Name));
    }

    private static long FieldSize(Type type) => type.IsPointer ? IntPtr.Size : Marshal.SizeOf(type);

    private static Dictionary<string, long> CompileAndRunProbe()
    {
        var directory = Directory.CreateTempSubdirectory("ffmpeg-offsets-");
        try
        {
            var source = Path.Combine(directory.FullName, "probe.c");
            var binary = Path.Combine(directory.FullName, "probe");
            File.WriteAllText(source, ProbeSource());
            var cflags = FfmpegTool.RunChecked("pkg-config", "--cflags", "libavcodec", "libavutil", "libswscale").Trim();
            var args = cflags.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Concat(["-Wno-deprecated-declarations", "-o", binary, source]).ToArray();
            FfmpegTool.RunChecked("gcc", args);
            var output = FfmpegTool.RunChecked(binary);
            var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('='))
                .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], CultureInfo.InvariantCulture));
            Assert.Equal(Fields.Length * 2 + Constants.Length, values.Count);
            return values;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string ProbeSource()
    {
        var c = new StringBuilder();
        c.AppendLine("#include <stdio.h>");
        c.AppendLine("#include <stddef.h>");
        c.AppendLine("#include <errno.h>");
        c.AppendLine("#include <libavcodec/avcodec.h>");
        c.AppendLine("#include <libavutil/frame.h>");
        c.AppendLine("#include <libavutil/log.h>");
        c.AppendLine("#include <libavutil/rational.h>");
        c.AppendLine("#include <libavutil/version.h>");
        c.AppendLine("#include <libswscale/swscale.h>");
        c.AppendLine("int main(void) {");
        foreach (var (_, _, cStruct, cField) in Fields)
        {
            c.AppendLine($"  printf(\"offset:{cStruct}.{cField}=%lld\\n\", (long long)offsetof({cStruct}, {cField}));");
            c.AppendLine($"  printf(\"size:{cStruct}.{cField}=%lld\\n\", (long long)sizeof((({cStruct}*)0)->{cField}));");
        }
        foreach (var (constant, expression) in Constants)
            c.AppendLine($"  printf(\"const:{constant}=%lld\\n\", (long long)({expression}));");
        c.AppendLine("  return 0;");
        c.AppendLine("}");
        return c.ToString();
    }
}
