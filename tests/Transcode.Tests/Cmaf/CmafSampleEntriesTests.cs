using Streaming.Transcode.Cmaf;

namespace Streaming.Transcode.Tests.Cmaf;

public class CmafSampleEntriesTests
{
    [Fact]
    public void Esds_for_a_two_byte_config_follows_14496_1_descriptors()
    {
        var buffer = new byte[128];
        var w = new Mp4BoxWriter(buffer);

        CmafSampleEntries.WriteEsds(ref w, [0x11, 0x90], bitrate: 128000);

        var expected =
            "00000027" + "65736473" + "00000000" +          // esds, 39 bytes, version 0
            "0319" + "0000" + "00" +                        // ES_Descriptor, 25 bytes, ES_ID 0, no flags
            "0411" + "40" + "15" + "000000" +               // DecoderConfigDescriptor: 14496-3 audio, AudioStream
            "0001F400" + "0001F400" +                       // max/avg bitrate 128000
            "0502" + "1190" +                               // DecoderSpecificInfo: the AudioSpecificConfig
            "060102";                                       // SLConfigDescriptor predefined 2
        Assert.Equal(expected, Convert.ToHexString(w.Written));
    }
}
