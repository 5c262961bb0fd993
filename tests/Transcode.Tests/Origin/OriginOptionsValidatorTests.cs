using Streaming.Transcode.Origin;

namespace Streaming.Transcode.Tests.Origin;

public class OriginOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_and_cap_link_connections_and_streams()
    {
        var options = new OriginOptions();
        Assert.True(new OriginOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(256, options.MaxLinkConnections);
        Assert.Equal(256, options.MaxStreams);
    }

    [Theory]
    [InlineData(0, 256, "Streaming:Origin:MaxLinkConnections")]
    [InlineData(256, 0, "Streaming:Origin:MaxStreams")]
    [InlineData(100_001, 256, "Streaming:Origin:MaxLinkConnections")]
    public void Caps_out_of_range_fail_naming_the_key(int connections, int streams, string key)
    {
        var result = new OriginOptionsValidator().Validate(null, new OriginOptions { MaxLinkConnections = connections, MaxStreams = streams });
        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage);
    }
}
