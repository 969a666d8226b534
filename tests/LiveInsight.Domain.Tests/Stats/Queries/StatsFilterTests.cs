namespace LiveInsight.Domain.Tests.Stats.Queries;

public sealed class StatsFilterTests
{
    [Fact]
    public void OneClause_NamesItsPropertyAndValue()
    {
        var filter = StatsFilter.Parse("visit:source==Google", out var error);

        Assert.Null(error);
        Assert.Equal(Dimension.Source, filter!.Property.Dimension);
        Assert.Equal(["Google"], filter.Values);
    }

    [Fact]
    public void Bars_SeparateValues_AndAnEscapedBarIsPartOfOne()
    {
        var filter = StatsFilter.Parse(@"event:page==/a|/b\|c", out _);

        Assert.Equal(["/a", "/b|c"], filter!.Values);
        Assert.True(filter.Keeps("/b|c"));
        Assert.False(filter.Keeps("/b"));
        Assert.False(filter.Keeps(null));
    }

    [Fact]
    public void AtMostAHundredValues_AreKeptByOneClause()
    {
        var hundred = StatsFilter.Parse("event:page==" + string.Join('|', Enumerable.Range(0, 100).Select(i => "/p" + i)), out var none);
        var more = StatsFilter.Parse("event:page==" + string.Join('|', Enumerable.Range(0, 101).Select(i => "/p" + i)), out var error);

        Assert.Null(none);
        Assert.True(hundred!.Keeps("/p99"));
        Assert.Null(more);
        Assert.Contains("at most 100 values", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ALongValue_IsCutAsStoredValuesAre()
    {
        var filter = StatsFilter.Parse("event:page==/" + new string('x', 400), out _);

        Assert.Equal(Dimensions.MaxValueLength, Assert.Single(filter!.Values).Length);
    }

    [Theory]
    [InlineData("visit:source==Google;visit:device==Mobile")]
    [InlineData("visit:source!=Google")]
    [InlineData("visit:source")]
    [InlineData("visit:source==")]
    [InlineData("visit:source==Google|")]
    [InlineData("visit:city==Berlin")]
    [InlineData("event:page==/blog/*")]
    [InlineData("event:props:plan==pro")]
    public void WhatTheRollupsCannotAnswer_IsRefusedWithASentence(string text)
    {
        var filter = StatsFilter.Parse(text, out var error);

        Assert.Null(filter);
        Assert.StartsWith("Invalid filters: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownPropertysName_IsQuotedCutAndWithoutControlCharacters()
    {
        StatsFilter.Parse("visit:" + new string('a', 100) + "\u0001==x", out var error);

        Assert.Contains("'visit:" + new string('a', 58) + "…'", error, StringComparison.Ordinal);
    }
}
