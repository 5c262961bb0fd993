using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Flv;

namespace Streaming.Ingest.Tests.Rtmp.Flv;

public class FlvMetadataTests
{
    [Fact]
    public void OnMetaData_hints_are_read_and_nonsense_values_ignored()
    {
        var metadata = FlvMetadata.FromAmf(AmfValue.EcmaArray([
            AmfValue.Property("framerate", 29.97),
            AmfValue.Property("videodatarate", 2500),
            AmfValue.Property("audiodatarate", double.NaN),
            AmfValue.Property("width", 1280),
            AmfValue.Property("height", -5),
            AmfValue.Property("encoder", "obs-output module"),
        ]));

        Assert.Equal((29.97, 2500.0, 0.0, 1280, 0, "obs-output module"),
            (metadata.FrameRate, metadata.VideoDataRateKbps, metadata.AudioDataRateKbps, metadata.Width, metadata.Height, metadata.Encoder));
    }
}
