namespace LiveInsight.Domain.Tests.Enrichment;

public sealed class PercentDecodingTests
{
    [Theory]
    [InlineData("plain", false, "plain")]
    [InlineData("a+b", false, "a+b")]
    [InlineData("a+b", true, "a b")]
    [InlineData("%41%42", false, "AB")]
    [InlineData("%e2%82%ac", false, "€")]
    [InlineData("%E2%82", false, "%E2%82")]
    [InlineData("%E2%82x", false, "%E2%82x")]
    [InlineData("%C0%AF", false, "%C0%AF")]
    [InlineData("%ED%A0%80", false, "%ED%A0%80")]
    [InlineData("%7F%C2%80%C2%A0", false, "%7F%C2%80\u00A0")]
    [InlineData("%", false, "%")]
    [InlineData("%%41", false, "%A")]
    [InlineData("%4", false, "%4")]
    [InlineData("%g1", false, "%g1")]
    [InlineData("%2B", true, "+")]
    public void Decode_DecodesWhatItCanAndKeepsTheRestAsSent(string input, bool plusIsSpace, string expected) =>
        Assert.Equal(expected, PercentDecoding.Decode(input, plusIsSpace));

    [Fact]
    public void Decode_InputLongerThanTheStackBuffer_IsDecoded()
    {
        var input = string.Concat(Enumerable.Repeat("%41b", 1000));

        Assert.Equal(string.Concat(Enumerable.Repeat("Ab", 1000)), PercentDecoding.Decode(input, plusIsSpace: false));
    }
}
