namespace Streaming.Ingest.Tests;

public class IngestOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new IngestOptionsValidator().Validate(null, new IngestOptions()).Succeeded);
    }

    [Fact]
    public void The_public_rtmp_listener_defaults_to_every_interface_and_the_internal_api_to_loopback()
    {
        var options = new IngestOptions();

        Assert.Equal("0.0.0.0", options.ListenAddress);
        Assert.Equal("127.0.0.1", options.ApiListenAddress);
    }

    [Theory]
    [InlineData("RtmpPort")]
    [InlineData("ListenAddress")]
    [InlineData("ApiListenAddress")]
    [InlineData("MaxMessageSize")]
    [InlineData("IdleTimeoutSeconds")]
    [InlineData("MaxConnections")]
    [InlineData("MinBytesPerIdleInterval")]
    [InlineData("PartialMessageBudgetBytes")]
    [InlineData("MaxWidth")]
    [InlineData("MaxHeight")]
    public void Each_failure_names_its_configuration_key(string key)
    {
        var options = new IngestOptions();
        switch (key)
        {
            case "RtmpPort": options.RtmpPort = 70000; break;
            case "ListenAddress": options.ListenAddress = "not-an-ip"; break;
            case "ApiListenAddress": options.ApiListenAddress = "not-an-ip"; break;
            case "MaxMessageSize": options.MaxMessageSize = 10; break;
            case "IdleTimeoutSeconds": options.IdleTimeoutSeconds = 0; break;
            case "MaxConnections": options.MaxConnections = 0; break;
            case "MinBytesPerIdleInterval": options.MinBytesPerIdleInterval = 0; break;
            case "PartialMessageBudgetBytes": options.PartialMessageBudgetBytes = options.MaxMessageSize; break;
            case "MaxWidth": options.MaxWidth = 20000; break;
            case "MaxHeight": options.MaxHeight = 8; break;
        }

        var result = new IngestOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Streaming:Ingest:" + key, result.FailureMessage);
    }
}
