namespace Streaming.Ingest.Tests.Rtmp.Flv;

/// <summary>Decoder configurations produced by ffmpeg (libx264 1280x720 High@3.1, AAC-LC 48 kHz mono).</summary>
internal static class FlvSamples
{
    public const string AvcRecord =
        "0164001fffe100186764001facb402802dd80880000003008000001e478c195001000468ef0fcbfdf8f800";
    public const string AudioSpecificConfig = "118856e500";

    /// <summary>AVC sequence header tag body: keyframe|AVC, packet 0, cto 0, record.</summary>
    public static byte[] VideoSequenceHeader => Hex.Bytes("17 00 000000" + AvcRecord);
    public static byte[] AudioSequenceHeader => Hex.Bytes("af 00" + AudioSpecificConfig);
}
