using Microsoft.Extensions.Options;
using Streaming.Ingest.Auth;

namespace Streaming.Ingest.Tests.Auth;

public class OpenPublishValidatorTests
{
    private static ValidateOptionsResult Validate(string rtmpAddress, PublishAuthMode mode, bool allow) =>
        new OpenPublishValidator(Options.Create(new IngestOptions { ListenAddress = rtmpAddress }))
            .Validate(null, new PublishAuthOptions { Mode = mode, AllowOpenPublish = allow });

    [Fact]
    public void Open_publishing_beyond_loopback_fails_naming_the_key()
    {
        var result = Validate("0.0.0.0", PublishAuthMode.Open, allow: false);

        Assert.True(result.Failed);
        Assert.Contains("Streaming:Ingest:Auth:AllowOpenPublish", result.FailureMessage);
        Assert.Contains("Streaming:Ingest:ListenAddress", result.FailureMessage);
    }

    [Theory]
    [InlineData("127.0.0.1", PublishAuthMode.Open, false)]
    [InlineData("::1", PublishAuthMode.Open, false)]
    [InlineData("0.0.0.0", PublishAuthMode.Open, true)]
    [InlineData("0.0.0.0", PublishAuthMode.Keys, false)]
    [InlineData("0.0.0.0", PublishAuthMode.Hmac, false)]
    [InlineData("0.0.0.0", PublishAuthMode.Webhook, false)]
    public void Open_publishing_on_loopback_an_explicit_allow_or_any_other_mode_is_valid(string address, PublishAuthMode mode, bool allow) =>
        Assert.True(Validate(address, mode, allow).Succeeded);

    [Fact]
    public void Open_publishing_is_not_allowed_by_default() => Assert.False(new PublishAuthOptions().AllowOpenPublish);
}
