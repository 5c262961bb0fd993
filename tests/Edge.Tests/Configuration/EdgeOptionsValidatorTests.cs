using Streaming.Edge.Configuration;

namespace Streaming.Edge.Tests.Configuration;

public sealed class EdgeOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.True(new EdgeOptionsValidator().Validate(null, new EdgeOptions()).Succeeded);

    [Fact]
    public void Failures_name_the_configuration_key()
    {
        var result = new EdgeOptionsValidator().Validate(null, new EdgeOptions
        {
            HttpPort = 0,
            Upstreams = ["ftp://x"],
            CacheBytes = 10,
            MaxConnectionsPerIp = -1,
        });
        Assert.False(result.Succeeded);
        var failures = string.Join("\n", result.Failures!);
        Assert.Contains("Streaming:Edge:HttpPort", failures);
        Assert.Contains("Streaming:Edge:Upstreams:0", failures);
        Assert.Contains("Streaming:Edge:CacheBytes", failures);
        Assert.Contains("Streaming:Edge:MaxConnectionsPerIp", failures);
    }
}
