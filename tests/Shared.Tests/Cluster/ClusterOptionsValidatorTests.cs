using Streaming.Shared.Cluster;

namespace Streaming.Shared.Tests.Cluster;

public class ClusterOptionsValidatorTests
{
    [Fact]
    public void No_configured_origins_means_the_local_origin()
    {
        var options = new ClusterOptions();
        Assert.True(new ClusterOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("127.0.0.1:8084", Assert.Single(options.EffectiveOrigins).Link);
    }

    [Fact]
    public void Errors_name_the_offending_key()
    {
        var options = new ClusterOptions
        {
            Origins =
            [
                new OriginMember { Name = "a", Link = "127.0.0.1:8084", Http = "http://127.0.0.1:8081" },
                new OriginMember { Name = "a", Link = "nope", Http = "ftp://x" },
            ],
        };
        var result = new ClusterOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("Streaming:Cluster:Origins:1:Name", result.FailureMessage);
        Assert.Contains("Streaming:Cluster:Origins:1:Link", result.FailureMessage);
        Assert.Contains("Streaming:Cluster:Origins:1:Http", result.FailureMessage);
    }
}
