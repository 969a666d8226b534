using System.Globalization;
using LiveInsight.Domain.Visitors;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// The daily visitor keys in DynamoDB: one item per UTC day (<c>day</c> = <c>yyyy-MM-dd</c>), made by a
/// conditional put so that concurrent instances agree on one key, and expiring through TTL 48 h after its day
/// began. The key is never logged: exceptions from here carry no item (docs/adr/0020-cookieless-visitors.md).
/// </summary>
public sealed class DynamoDbVisitorKeyStore(IAmazonDynamoDB client, string tableName) : IVisitorKeyStore
{
    /// <summary>A day's key lives until the end of the next day: long enough to continue a visit across midnight.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(48);

    public static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>When a day's item expires: <see cref="Lifetime"/> after the day began (UTC).</summary>
    public static DateTimeOffset ExpiryOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)) + Lifetime;

    public async Task<VisitorKey> GetOrCreateAsync(DateOnly day, CancellationToken cancellationToken)
    {
        // Read first: every instance but the day's first finds the key, and a read costs less than a failed put.
        if (await FindAsync(day, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var fresh = VisitorKey.NewRandom();
        try
        {
            await Guard(() => client.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new()
                {
                    [Day] = S(DayKey(day)),
                    [VisitorKeySecret] = new AttributeValue { B = new MemoryStream(fresh.ToArray()) },
                    [ExpiresAt] = EpochSeconds(ExpiryOf(day)),
                },
                ConditionExpression = "attribute_not_exists(#day)",
                ExpressionAttributeNames = new() { ["#day"] = Day },
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, cancellationToken)).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException lost)
        {
            // Another instance made the day's key first (or the SDK retried our own put after it was applied):
            // the stored key is the day's key. The failed put returns it; a consistent read is the fallback.
            return ToKey(lost.Item)
                ?? await FindAsync(day, cancellationToken).ConfigureAwait(false)
                ?? throw new StoreUnavailableException("The day's visitor key was neither made nor found.");
        }

        await ForgetAsync(day.AddDays(-2), cancellationToken).ConfigureAwait(false);
        return fresh;
    }

    public async Task<VisitorKey?> FindAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var response = await Guard(() => client.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = new() { [Day] = S(DayKey(day)) },
            ConsistentRead = true,
        }, cancellationToken)).ConfigureAwait(false);
        return ToKey(response.Item);
    }

    /// <summary>
    /// Deletes the key of a day whose item has expired. TTL removes it too, but only within days; whoever makes
    /// a day's key deletes the one of two days before, so an expired key is gone at the first event of the day
    /// after its lifetime ended. Best effort: TTL stays the guarantee.
    /// </summary>
    private async Task ForgetAsync(DateOnly day, CancellationToken cancellationToken)
    {
        try
        {
            await Guard(() => client.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tableName,
                Key = new() { [Day] = S(DayKey(day)) },
            }, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or AmazonDynamoDBException)
        {
            // TTL deletes it anyway; the request that made today's key must not fail for this.
        }
    }

    private static VisitorKey? ToKey(Dictionary<string, AttributeValue>? item) =>
        item is not null && item.TryGetValue(VisitorKeySecret, out var secret) && secret.B is { } stream
            ? VisitorKey.FromBytes(stream.ToArray())
            : null;
}
