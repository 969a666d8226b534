using LiveInsight.Function.Dashboard;

namespace LiveInsight.Function.Tests.Dashboard;

/// <summary>How <see cref="DashboardPage"/> derives the policy from a page, and which pages it refuses.</summary>
public sealed class DashboardPageTests
{
    private const string Page = "<!doctype html>\n<style>\nb{color:red}\n</style>\n<p>x</p>\n<script>\nlet a = 1;\n</script>\n";

    [Fact]
    public void Hashes_AreThoseOfTheInlineElementsText()
    {
        var page = DashboardPage.FromHtml(Page);

        Assert.Equal(DashboardPage.Hash("\nlet a = 1;\n"), page.ScriptHash);
        Assert.Equal(DashboardPage.Hash("\nb{color:red}\n"), page.StyleHash);
        Assert.Contains($"script-src '{page.ScriptHash}';", page.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains($"style-src '{page.StyleHash}';", page.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_IsTheBase64OfSha256()
    {
        // SHA-256("abc"), FIPS 180-2's example, in base64.
        Assert.Equal("sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", DashboardPage.Hash("abc"));
    }

    [Fact]
    public void CrLfPage_IsServedAndHashedWithLf_AsBrowsersParseIt()
    {
        var lf = DashboardPage.FromHtml(Page);
        var crlf = DashboardPage.FromHtml(Page.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(lf.Html, crlf.Html);
        Assert.Equal(lf.ContentSecurityPolicy, crlf.ContentSecurityPolicy);
    }

    [Theory]
    [InlineData("<style>a{}</style><script>1</script><script>2</script>")]
    [InlineData("<style>a{}</style><script src=\"x.js\"></script><script>1</script>")]
    [InlineData("<style>a{}</style><style media=\"print\">b{}</style><script>1</script>")]
    [InlineData("<style>a{}</style>")]
    [InlineData("<script>1</script>")]
    public void Page_WithOtherThanOneBareScriptAndStyle_IsRefused(string html)
    {
        Assert.Throws<InvalidOperationException>(() => DashboardPage.FromHtml(html));
    }

    [Fact]
    public void EmbeddedPage_Loads()
    {
        var page = DashboardPage.Load();

        Assert.Contains("<title>LiveInsight</title>", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', page.Html);
    }
}
