using Streaming.Ingest.Rtmp.Amf;

namespace Streaming.Ingest.Tests.Rtmp.Amf;

public class AmfReaderTests
{
    private static (AmfReadStatus Status, List<AmfValue> Values) Read(string hex, AmfLimits? limits = null)
    {
        var values = new List<AmfValue>();
        var status = AmfReader.ReadAll(Hex.Bytes(hex), values, limits);
        return (status, values);
    }

    [Fact]
    public void Connect_command_decodes_name_transaction_and_properties()
    {
        var bytes = "02 0007 636f6e6e656374 00 3ff0000000000000 03 0003 617070 02 0004 6c697665 000e 6f626a656374456e636f64696e67 00 0000000000000000 000009";

        var (status, values) = Read(bytes);

        Assert.Equal(AmfReadStatus.Ok, status);
        Assert.Equal(3, values.Count);
        Assert.Equal("connect", values[0].String);
        Assert.Equal(1.0, values[1].Number);
        Assert.Equal(AmfType.Object, values[2].Type);
        Assert.Equal("live", values[2].GetString("app"));
        Assert.Equal(0.0, values[2].GetNumber("objectEncoding"));
    }

    [Fact]
    public void All_types_decode()
    {
        var (status, values) = Read(
            "003ff0000000000000 0101 0200026162 0c00000003616263 05 06 0b41f000000000000000ff " +
            "0800000001 0001 78 0200 0179 000009 0a00000002 003ff0000000000000 05");

        Assert.Equal(AmfReadStatus.Ok, status);
        Assert.Equal(
            [AmfType.Number, AmfType.Boolean, AmfType.String, AmfType.LongString, AmfType.Null, AmfType.Undefined, AmfType.Date,
             AmfType.EcmaArray, AmfType.StrictArray],
            values.Select(v => v.Type));
        Assert.True(values[1].Boolean);
        Assert.Equal("ab", values[2].String);
        Assert.Equal("abc", values[3].String);
        Assert.Equal(4294967296d, values[6].Number);
        Assert.Equal(255, values[6].TimeZone);
        Assert.Equal("y", values[7].GetString("x"));
        Assert.Equal(2, values[8].Items.Count);
    }

    [Fact]
    public void Ecma_array_without_end_marker_at_end_of_data_is_accepted()
    {
        var (status, values) = Read("0800000001 0001 78 003ff0000000000000");
        Assert.Equal(AmfReadStatus.Ok, status);
        Assert.Equal(1.0, values[0].GetNumber("x"));
    }

    [Theory]
    [InlineData("00 3ff0", AmfReadStatus.Truncated)]
    [InlineData("02 0005 6162", AmfReadStatus.Truncated)]
    [InlineData("03 0001 61", AmfReadStatus.Truncated)]
    [InlineData("0c ffffffff", AmfReadStatus.LimitExceeded)]
    [InlineData("0a ffffffff", AmfReadStatus.LimitExceeded)]
    [InlineData("0a 00000100 05", AmfReadStatus.Truncated)]
    [InlineData("11 00", AmfReadStatus.UnsupportedType)]
    [InlineData("07 0001", AmfReadStatus.UnsupportedType)]
    [InlineData("09", AmfReadStatus.Malformed)]
    public void Bad_input_gives_a_status_not_an_exception(string hex, AmfReadStatus expected)
    {
        Assert.Equal(expected, Read(hex).Status);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var limits = new AmfLimits { MaxDepth = 4 };
        var nested = string.Concat(Enumerable.Repeat("03 0001 61", 5)) + "05" + string.Concat(Enumerable.Repeat("000009", 5));
        var allowed = string.Concat(Enumerable.Repeat("03 0001 61", 4)) + "05" + string.Concat(Enumerable.Repeat("000009", 4));

        Assert.Equal(AmfReadStatus.LimitExceeded, Read(nested, limits).Status);
        Assert.Equal(AmfReadStatus.Ok, Read(allowed, limits).Status);
    }

    [Fact]
    public void Objects_with_more_properties_than_the_limit_are_refused()
    {
        var limits = new AmfLimits { MaxItems = 2 };
        Assert.Equal(AmfReadStatus.LimitExceeded, Read("03 0001 61 05 0001 62 05 0001 63 05 000009", limits).Status);
        Assert.Equal(AmfReadStatus.Ok, Read("03 0001 61 05 0001 62 05 000009", limits).Status);
    }

    [Fact]
    public void Property_lookup_on_null_and_scalars_finds_nothing()
    {
        var (_, values) = Read("05 06 003ff0000000000000");
        Assert.All(values, v => Assert.Null(v.Get("code")));
    }

    [Fact]
    public void More_top_level_values_than_the_limit_are_refused()
    {
        var limits = new AmfLimits { MaxTopLevelValues = 3 };

        Assert.Equal(AmfReadStatus.Ok, Read("05 05 05", limits).Status);
        var (status, values) = Read("05 05 05 05", limits);

        Assert.Equal(AmfReadStatus.LimitExceeded, status);
        Assert.Equal(3, values.Count);
    }

    [Fact]
    public void The_default_limit_refuses_a_command_with_thousands_of_top_level_nulls()
    {
        var (status, values) = Read("02 0004 74657374 00 0000000000000000" + string.Concat(Enumerable.Repeat("05", 10_000)));

        Assert.Equal(AmfReadStatus.LimitExceeded, status);
        Assert.Equal(AmfLimits.Default.MaxTopLevelValues, values.Count);
    }

    [Fact]
    public void Values_nested_across_many_objects_count_toward_one_total()
    {
        // Three objects of three properties each: 3 + 9 = 12 values, each object within MaxItems.
        var limits = new AmfLimits { MaxValues = 11 };
        var obj = "03 0001 61 05 0001 62 05 0001 63 05 000009";

        Assert.Equal(AmfReadStatus.LimitExceeded, Read(obj + obj + obj, limits).Status);
        Assert.Equal(AmfReadStatus.Ok, Read(obj + obj + obj, limits with { MaxValues = 12 }).Status);
    }

    [Fact]
    public void A_strict_array_longer_than_the_limit_is_refused_before_its_items_are_read()
    {
        var limits = new AmfLimits { MaxItems = 2 };

        Assert.Equal(AmfReadStatus.LimitExceeded, Read("0a 00000003 05 05 05", limits).Status);
        Assert.Equal(AmfReadStatus.LimitExceeded, Read("0a ffffffff", limits).Status);
        Assert.Equal(AmfReadStatus.Ok, Read("0a 00000002 05 05", limits).Status);
    }

    [Fact]
    public void A_string_over_the_limit_is_refused()
    {
        var limits = new AmfLimits { MaxStringBytes = 2 };

        Assert.Equal(AmfReadStatus.LimitExceeded, Read("02 0003 616263", limits).Status);
        Assert.Equal(AmfReadStatus.LimitExceeded, Read("0c 00000003 616263", limits).Status);
        Assert.Equal(AmfReadStatus.Ok, Read("02 0002 6162", limits).Status);
    }
}
