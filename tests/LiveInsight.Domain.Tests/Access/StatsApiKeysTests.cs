namespace LiveInsight.Domain.Tests.Access;

public sealed class StatsApiKeysTests
{
    private const string Key = "k3y-0123456789abcdefghij";

    [Theory]
    [InlineData("Bearer " + Key, true)]
    [InlineData("bearer " + Key, true)]
    [InlineData("Bearer  " + Key + " ", true)]
    [InlineData("Bearer " + Key + "x", false)]
    [InlineData("Bearer k3y-0123456789abcdefghi", false)]
    [InlineData(Key, false)]
    [InlineData("Basic " + Key, false)]
    [InlineData("Bearer ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Accepts_OnlyTheBearerOfAConfiguredKey(string? authorization, bool accepted) =>
        Assert.Equal(accepted, StatsApiKeys.Of([Key]).Accepts(authorization));

    [Fact]
    public void TheStacksSecret_HoldsOneKey()
    {
        var keys = StatsApiKeys.FromSecret("""{"key":"AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd"}""");

        Assert.Equal(1, keys.Count);
        Assert.True(keys.Accepts("Bearer AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd"));
    }

    [Fact]
    public void DuringARotation_TheOldAndTheNewKeysBothOpen()
    {
        var keys = StatsApiKeys.FromSecret("""{"key":"new-key-0123456789abcdef","keys":["old-key-0123456789abcdef"]}""");

        Assert.True(keys.Accepts("Bearer new-key-0123456789abcdef"));
        Assert.True(keys.Accepts("Bearer old-key-0123456789abcdef"));
        Assert.False(keys.Accepts("Bearer gone-key-0123456789abcdef"));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"key":""}""")]
    [InlineData("""{"key":"short"}""")]
    [InlineData("""{"keys":[1,2]}""")]
    [InlineData("""["k3y-0123456789abcdefghij"]""")]
    [InlineData("k3y-0123456789abcdefghij")]
    public void ASecretWithoutAUsableKey_IsRefused_NotReadAsOpen(string secret) =>
        Assert.Throws<FormatException>(() => StatsApiKeys.FromSecret(secret));
}
