using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using LiveInsight.Function.Dashboard;
using LiveInsight.Function.Tests.Api;

namespace LiveInsight.Function.Tests.Dashboard;

/// <summary>
/// <c>GET /dashboard</c> through the handler as the composition builds it: the page, its policy and its headers. The
/// checks read the served page with plain string searches, independently of how <see cref="DashboardPage"/> finds its
/// inline script and style.
/// </summary>
public sealed partial class DashboardEndpointTests
{
    private static async Task<APIGatewayProxyResponse> GetAsync(string method = "GET") =>
        await new HandlerUnderTest().SendAsync(HandlerUnderTest.Request(method, "/dashboard"));

    private static string Between(string text, string open, string close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal);
        var end = text.IndexOf(close, start + open.Length, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{open}…{close} not found");
        return text[(start + open.Length)..end];
    }

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "", StringComparer.Ordinal);

    [Fact]
    public async Task Get_Returns200HtmlWithSecurityHeaders()
    {
        var response = await GetAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Headers!["Content-Type"]);
        Assert.Equal("nosniff", response.Headers["X-Content-Type-Options"]);
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"]);
        Assert.Equal("public, max-age=300", response.Headers["Cache-Control"]);
        Assert.StartsWith("<!doctype html>", response.Body, StringComparison.Ordinal);
        Assert.False(response.IsBase64Encoded);
    }

    [Fact]
    public async Task Csp_AllowsExactlyThePagesInlineScriptAndStyleByHash()
    {
        var response = await GetAsync();
        var html = response.Body!;
        var csp = Directives(response.Headers!["Content-Security-Policy"]);

        Assert.Equal($"'{Sha256(Between(html, "<script>", "</script>"))}'", csp["script-src"]);
        Assert.Equal($"'{Sha256(Between(html, "<style>", "</style>"))}'", csp["style-src"]);
        Assert.Equal("'none'", csp["default-src"]);
        Assert.Equal("'self'", csp["connect-src"]);
        Assert.Equal("'none'", csp["base-uri"]);
        Assert.Equal("'none'", csp["form-action"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.DoesNotContain("unsafe", response.Headers["Content-Security-Policy"], StringComparison.Ordinal);
    }

    [GeneratedRegex("""\b(?:src|href|action|xlink:href)\s*=\s*["']?([^"'\s>]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    [GeneratedRegex("""https?://[^\s'"<>)]*""", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [Fact]
    public async Task Page_LoadsNothingFromAnotherOrigin()
    {
        var html = (await GetAsync()).Body!;

        var urls = UrlAttribute().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(urls); // the favicon's data: URL at least, so the pattern does find attributes
        Assert.All(urls, url => Assert.True(url.StartsWith("data:", StringComparison.Ordinal) || !url.Contains(':', StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal), url));
        // The one absolute URL is the SVG namespace, a name that is never fetched.
        Assert.Equal(["http://www.w3.org/2000/svg"], AbsoluteUrl().Matches(html).Select(m => m.Value).Distinct());
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Page_NeverParsesDataAsHtml()
    {
        var script = Between((await GetAsync()).Body!, "<script>", "</script>");

        // Breakdown values are page paths, referrers and campaigns anyone can send: they go in as text only.
        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "DOMParser" })
        {
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        }

        Assert.Contains("textContent", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_KeepsTheKeyInSessionStorageOnly()
    {
        var script = Between((await GetAsync()).Body!, "<script>", "</script>");

        Assert.Contains("sessionStorage.setItem(KEY", script, StringComparison.Ordinal);
        Assert.DoesNotContain("localStorage", script, StringComparison.Ordinal);
        Assert.DoesNotContain("document.cookie", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_IsSmall()
    {
        var bytes = Encoding.UTF8.GetBytes((await GetAsync()).Body!);
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        // Budgets with some room: about 15 KB raw and 5.5 KB gzipped today (docs/dashboard.md).
        Assert.InRange(bytes.Length, 1, 20_000);
        Assert.InRange(gzipped.Length, 1, 7_000);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    public async Task OtherMethods_Return405AllowingGet(string method)
    {
        var response = await GetAsync(method);

        ErrorContract.Assert(response, 405, ErrorCodes.MethodNotAllowed);
        Assert.Equal("GET", response.Headers!["Allow"]);
    }
}
