namespace LiveInsight.EndToEnd.Tests;

/// <summary>
/// The hostile-input corpus over real HTTP, on a host and tables of its own that no valid event ever
/// reaches: after each case, the three tables must still be empty.
/// </summary>
public sealed class HostileInputTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    public static TheoryData<string> Cases => HostileCorpus.Names;

    [Fact]
    public void Corpus_HasAtLeastAHundredCases() => Assert.True(HostileCorpus.Cases.Count >= 100, $"{HostileCorpus.Cases.Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_HostileInput_IsRefusedInTheErrorContractAndStoresNothing(string name)
    {
        var hostile = HostileCorpus.Cases[name];

        using var response = await fixture.Host.Http.PostBytesAsync(hostile.Body(), hostile.ContentType);

        await AssertRefusedAsync(response, hostile);
        Assert.Equal(0, await fixture.Host.Reader.TotalItemsAsync());
    }

    /// <summary>The checks every hostile case must pass.</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage response, HostileCase hostile)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == hostile.Status, $"expected {hostile.Status}, got {(int)response.StatusCode}: {text}");
        var error = await response.AssertErrorAsync((HttpStatusCode)hostile.Status, hostile.Code);
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));

        // Nothing hostile comes back as text a browser or a log viewer could act on.
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0000", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(text.Length < 16_384, $"the error body is {text.Length} characters");
        if (!hostile.EchoesFieldNames)
        {
            Assert.DoesNotContain(HostileCorpus.Marker, text, StringComparison.Ordinal);
            foreach (var value in Strings(error))
            {
                Assert.DoesNotContain(HostileCorpus.Marker, value, StringComparison.Ordinal);
                Assert.False(value.Any(char.IsControl), $"control character in \"{value}\"");
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
