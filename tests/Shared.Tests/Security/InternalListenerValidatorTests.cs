using Microsoft.Extensions.Options;
using Streaming.Shared.Security;

namespace Streaming.Shared.Tests.Security;

public class InternalListenerValidatorTests
{
    private sealed class Listener
    {
        public string Address { get; set; } = "";
    }

    private static ValidateOptionsResult Validate(string address, string secret) =>
        new InternalListenerValidator<Listener>(Options.Create(new ClusterSecretOptions { Secret = secret }), "Streaming:Test:ListenAddress", l => l.Address)
            .Validate(null, new Listener { Address = address });

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    public void Loopback_needs_no_secret(string address) => Assert.True(Validate(address, "").Succeeded);

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.168.1.10")]
    public void Beyond_loopback_without_a_secret_fails_naming_both_keys(string address)
    {
        var result = Validate(address, "");

        Assert.True(result.Failed);
        Assert.Contains("Streaming:Test:ListenAddress", result.FailureMessage);
        Assert.Contains("Streaming:Cluster:Secret", result.FailureMessage);
    }

    [Fact]
    public void Beyond_loopback_with_a_secret_is_valid() => Assert.True(Validate("0.0.0.0", "s3cret-of-the-cluster").Succeeded);

    [Fact]
    public void An_address_that_does_not_parse_is_left_to_the_options_own_validator() => Assert.True(Validate("not-an-ip", "").Succeeded);

    [Fact]
    public void The_secret_header_is_accepted_only_when_it_matches_a_configured_secret()
    {
        var set = new ClusterSecretOptions { Secret = "abc" };

        Assert.True(set.Accepts("abc"));
        Assert.False(set.Accepts("abd"));
        Assert.False(set.Accepts(null));
        Assert.False(new ClusterSecretOptions().Accepts(""));
    }
}
