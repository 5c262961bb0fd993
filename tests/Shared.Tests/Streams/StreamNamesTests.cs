using Streaming.Shared.Streams;

namespace Streaming.Shared.Tests.Streams;

public class StreamNamesTests
{
    [Theory]
    [InlineData("demo")]
    [InlineData("Cam_01-b.v2")]
    [InlineData("...")]
    public void Letters_digits_dot_dash_and_underscore_are_valid(string name) => Assert.True(StreamNames.IsValid(name));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../../x")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a b")]
    [InlineData("a\"b")]
    [InlineData("a\nb")]
    [InlineData("démo")]
    [InlineData("a%2Fb")]
    public void Paths_separators_quotes_controls_and_non_ascii_are_invalid(string name) => Assert.False(StreamNames.IsValid(name));

    [Fact]
    public void At_most_128_characters()
    {
        Assert.True(StreamNames.IsValid(new string('a', StreamNames.MaxLength)));
        Assert.False(StreamNames.IsValid(new string('a', StreamNames.MaxLength + 1)));
    }
}
