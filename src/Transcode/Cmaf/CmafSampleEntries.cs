using Streaming.Shared.Codecs;
using Streaming.Shared.Media;

namespace Streaming.Transcode.Cmaf;

/// <summary>The <c>stsd</c> sample entries: <c>avc1</c> (ISO/IEC 14496-15) and <c>mp4a</c> with <c>esds</c> (ISO/IEC 14496-14).</summary>
internal static class CmafSampleEntries
{
    private const byte EsDescriptorTag = 0x03;
    private const byte DecoderConfigDescriptorTag = 0x04;
    private const byte DecoderSpecificInfoTag = 0x05;
    private const byte SlConfigDescriptorTag = 0x06;
    private const byte ObjectTypeAudioIso14496_3 = 0x40;
    private const byte StreamTypeAudio = 0x05;

    /// <summary>Upper bound of the bytes <see cref="WriteAvc1"/> writes besides the avcC record.</summary>
    public const int Avc1Overhead = 8 + 78 + 8 + 20 + 16;
    /// <summary>Upper bound of the bytes <see cref="WriteMp4a"/> writes besides the AudioSpecificConfig.</summary>
    public const int Mp4aOverhead = 8 + 28 + EsdsOverhead;
    public const int EsdsOverhead = 12 + 2 + 3 + 2 + 13 + 2 + 3;

    public static void WriteAvc1(ref Mp4BoxWriter w, TrackInfo video)
    {
        var entry = w.StartBox("avc1"u8);
        w.WriteZeros(6);
        w.WriteUInt16(1); // data_reference_index
        w.WriteZeros(16); // pre_defined, reserved, pre_defined[3]
        w.WriteUInt16((ushort)video.Width);
        w.WriteUInt16((ushort)video.Height);
        w.WriteUInt32(0x0048_0000); // 72 dpi
        w.WriteUInt32(0x0048_0000);
        w.WriteUInt32(0); // reserved
        w.WriteUInt16(1); // frame_count
        w.WriteZeros(32); // compressorname
        w.WriteUInt16(0x0018); // depth
        w.WriteInt16(-1); // pre_defined

        var avcC = w.StartBox("avcC"u8);
        w.WriteBytes(video.CodecConfig);
        w.EndBox(avcC);

        if (video.AnnouncedBitrate > 0)
        {
            var btrt = w.StartBox("btrt"u8);
            w.WriteUInt32(0); // bufferSizeDB unknown
            w.WriteUInt32((uint)video.AnnouncedBitrate);
            w.WriteUInt32((uint)video.AnnouncedBitrate);
            w.EndBox(btrt);
        }

        if (AvcDecoderConfiguration.TryParse(video.CodecConfig, out var config)
            && (config.ParsedSps.SarWidth != 1 || config.ParsedSps.SarHeight != 1))
        {
            var pasp = w.StartBox("pasp"u8);
            w.WriteUInt32((uint)config.ParsedSps.SarWidth);
            w.WriteUInt32((uint)config.ParsedSps.SarHeight);
            w.EndBox(pasp);
        }
        w.EndBox(entry);
    }

    public static void WriteMp4a(ref Mp4BoxWriter w, TrackInfo audio)
    {
        var entry = w.StartBox("mp4a"u8);
        w.WriteZeros(6);
        w.WriteUInt16(1); // data_reference_index
        w.WriteZeros(8); // reserved (version 0)
        w.WriteUInt16((ushort)(audio.Channels > 0 ? audio.Channels : 2));
        w.WriteUInt16(16); // samplesize
        w.WriteUInt32(0); // pre_defined, reserved
        // samplerate is 16.16; rates above 65535 Hz do not fit and are carried by the media timescale.
        w.WriteUInt32(audio.SampleRate <= ushort.MaxValue ? (uint)audio.SampleRate << 16 : 0);
        WriteEsds(ref w, audio.CodecConfig, audio.AnnouncedBitrate);
        w.EndBox(entry);
    }

    /// <summary>
    /// <c>esds</c>: ES_Descriptor { ES_ID 0, DecoderConfigDescriptor { 0x40 audio, AudioSpecificConfig },
    /// SLConfigDescriptor { predefined 2 } }, each with a one-byte size (the config is at most 64 bytes).
    /// </summary>
    public static void WriteEsds(ref Mp4BoxWriter w, ReadOnlySpan<byte> audioSpecificConfig, int bitrate)
    {
        if (audioSpecificConfig.Length > AudioSpecificConfig.MaxLength)
            throw new ArgumentException("AudioSpecificConfig too long.", nameof(audioSpecificConfig));
        var decoderSpecificInfoSize = 2 + audioSpecificConfig.Length;
        var decoderConfigSize = 2 + 13 + decoderSpecificInfoSize;
        var esSize = 3 + decoderConfigSize + 3;

        var esds = w.StartFullBox("esds"u8, 0, 0);
        w.WriteUInt8(EsDescriptorTag);
        w.WriteUInt8((byte)esSize);
        w.WriteUInt16(0); // ES_ID
        w.WriteUInt8(0); // no stream dependence, URL or OCR stream; priority 0

        w.WriteUInt8(DecoderConfigDescriptorTag);
        w.WriteUInt8((byte)(decoderConfigSize - 2));
        w.WriteUInt8(ObjectTypeAudioIso14496_3);
        w.WriteUInt8((StreamTypeAudio << 2) | 0x01); // streamType, upStream 0, reserved 1
        w.WriteUInt24(0); // bufferSizeDB
        w.WriteUInt32((uint)Math.Max(bitrate, 0)); // maxBitrate
        w.WriteUInt32((uint)Math.Max(bitrate, 0)); // avgBitrate
        w.WriteUInt8(DecoderSpecificInfoTag);
        w.WriteUInt8((byte)audioSpecificConfig.Length);
        w.WriteBytes(audioSpecificConfig);

        w.WriteUInt8(SlConfigDescriptorTag);
        w.WriteUInt8(1);
        w.WriteUInt8(2); // predefined: reserved for MP4 files
        w.EndBox(esds);
    }
}
