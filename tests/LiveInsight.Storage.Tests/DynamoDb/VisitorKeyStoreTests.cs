using System.Globalization;
using LiveInsight.Domain.Visitors;
using LiveInsight.Storage.DynamoDb;

namespace LiveInsight.Storage.Tests.DynamoDb;

/// <summary>The daily visitor keys on DynamoDB Local: one key per day, however many instances ask at once.</summary>
public sealed class VisitorKeyStoreTests
{
    /// <summary>Days in the future of the real clock, which DynamoDB Local's TTL deletion runs on.</summary>
    private static readonly DateOnly Day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);

    private static async Task<(TableNames Tables, TableReader Reader)> TablesAsync()
    {
        var tables = await DynamoDbLocal.Instance.CreateTablesAsync();
        return (tables, new TableReader(DynamoDbLocal.Instance.Client, tables));
    }

    private static DynamoDbVisitorKeyStore NewStore(TableNames tables) => new(DynamoDbLocal.Instance.Client, tables.VisitorKeys);

    [Fact]
    public async Task ConcurrentCreators_OnSeparateInstances_AllGetTheSameKey_AndOneItemIsStored()
    {
        var (tables, reader) = await TablesAsync();

        // Each creator is its own store, as separate Lambda instances are: nothing in memory is shared.
        var keys = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => NewStore(tables).GetOrCreateAsync(Day, default))));

        Assert.All(keys, key => Assert.True(key.SameAs(keys[0])));
        var item = Assert.Single(await reader.VisitorKeysAsync());
        Assert.Equal(Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), item["day"].S);
        Assert.True(VisitorKey.FromBytes(item["secret"].B.ToArray()).SameAs(keys[0]));
    }

    [Fact]
    public async Task TheItem_ExpiresThroughTtl48HoursAfterItsDayBegan()
    {
        var (tables, reader) = await TablesAsync();

        await NewStore(tables).GetOrCreateAsync(Day, default);

        var item = Assert.Single(await reader.VisitorKeysAsync());
        var dayStart = new DateTimeOffset(Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.Equal(dayStart.AddHours(48).ToUnixTimeSeconds(), long.Parse(item["expires_at"].N, CultureInfo.InvariantCulture));
        Assert.Equal(["day", "expires_at", "secret"], item.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARestartedInstance_ReadsTheExistingKey_AndMakesNoOther()
    {
        var (tables, reader) = await TablesAsync();
        var before = await NewStore(tables).GetOrCreateAsync(Day, default);

        var after = await NewStore(tables).GetOrCreateAsync(Day, default);
        var found = await NewStore(tables).FindAsync(Day, default);

        Assert.True(after.SameAs(before));
        Assert.True(found!.SameAs(before));
        Assert.Single(await reader.VisitorKeysAsync());
    }

    [Fact]
    public async Task EachDay_GetsItsOwnKey()
    {
        var (tables, _) = await TablesAsync();
        var store = NewStore(tables);

        var first = await store.GetOrCreateAsync(Day, default);
        var second = await store.GetOrCreateAsync(Day.AddDays(1), default);

        Assert.False(first.SameAs(second));
    }

    [Fact]
    public async Task Find_OfADayWithoutAKey_IsNull_AndMakesNone()
    {
        var (tables, reader) = await TablesAsync();

        Assert.Null(await NewStore(tables).FindAsync(Day, default));
        Assert.Empty(await reader.VisitorKeysAsync());
    }

    [Fact]
    public async Task MakingADaysKey_DeletesTheKeyOfTwoDaysBefore_AndKeepsYesterdays()
    {
        var (tables, reader) = await TablesAsync();
        var store = NewStore(tables);
        await store.GetOrCreateAsync(Day.AddDays(-2), default);
        await store.GetOrCreateAsync(Day.AddDays(-1), default);

        await store.GetOrCreateAsync(Day, default);

        var days = (await reader.VisitorKeysAsync()).Select(item => item["day"].S).Order(StringComparer.Ordinal);
        Assert.Equal([DynamoDbVisitorKeyStore.DayKey(Day.AddDays(-1)), DynamoDbVisitorKeyStore.DayKey(Day)], days);
    }
}
