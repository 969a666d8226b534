namespace LiveInsight.Domain.Tests.Enrichment;

public sealed class ClickIdRedactionTests
{
    [Theory]
    [InlineData("https://example.com/p?gclid=abc", "https://example.com/p")]
    [InlineData("https://example.com/p?gclid=abc#top", "https://example.com/p#top")]
    [InlineData("https://example.com/p?utm_source=x&fbclid=abc&plan=pro", "https://example.com/p?utm_source=x&plan=pro")]
    [InlineData("https://example.com/p?a=1&MSCLKID=abc&li_fat_id=def&ttclid=g&twclid=h&gbraid=i&wbraid=j", "https://example.com/p?a=1")]
    [InlineData("https://example.com/p?gclid", "https://example.com/p")]
    [InlineData("https://example.com/p?dclid=a&yclid=b&_gl=1*abc&mc_eid=c&igshid=d&keep=1", "https://example.com/p?keep=1")]
    [InlineData("https://example.com/p?a=1&&gclid=x", "https://example.com/p?a=1")]
    public void PageUrl_WithClickIds_LosesThemAndKeepsTheRest(string pageUrl, string stored) =>
        Assert.Equal(stored, ClickIdRedaction.Redact(pageUrl));

    [Theory]
    [InlineData("https://example.com/p")]
    [InlineData("https://example.com/p?plan=pro&x=gclid")]
    [InlineData("https://example.com/p?gclidx=1")]
    [InlineData("https://example.com/p#gclid=1")]
    public void PageUrl_WithoutClickIds_IsTheSameString(string pageUrl) =>
        Assert.Same(pageUrl, ClickIdRedaction.Redact(pageUrl));
}
