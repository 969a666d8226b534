namespace LiveInsight.EndToEnd.Tests;

/// <summary>The whole corpus in a row, then a valid event: the host is unharmed and stored only that one.</summary>
public sealed class HostileCorpusAftermathTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task AfterTheWholeCorpus_NothingIsStoredAndAValidEventIsStillAccepted()
    {
        foreach (var hostile in HostileCorpus.Cases.Values)
        {
            using var response = await fixture.Host.Http.PostBytesAsync(hostile.Body(), hostile.ContentType);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{hostile.Name}: {(int)response.StatusCode}");
        }

        Assert.Empty(await fixture.Host.Reader.EventsAsync());
        Assert.Empty(await fixture.Host.Reader.SessionsAsync());
        Assert.Empty(await fixture.Host.Reader.ActiveSessionsAsync());

        var accepted = await fixture.Host.Http.AcceptAsync(Http.SeedBody);

        var stored = Assert.Single(await fixture.Host.Reader.EventsAsync());
        Assert.Equal(accepted.GetProperty("event_id").GetString(), stored["event_id"].S);
        Assert.Single(await fixture.Host.Reader.SessionsAsync());
    }
}
