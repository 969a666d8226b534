using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Storage.DynamoDb;
using LiveInsight.Contracts.Tables;

namespace LiveInsight.LocalHost;

/// <summary>
/// Local-only: the latest events of one visitor, for the demo page. Not part of the deployed API (in AWS,
/// developer B reads the tables directly).
/// </summary>
internal sealed class LocalEventsQuery(IAmazonDynamoDB client, TableNames tables)
{
    public async Task<List<Dictionary<string, object?>>> LatestAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        var keys = await client.QueryAsync(new QueryRequest
        {
            TableName = tables.Events,
            IndexName = LiveInsightTables.Events.UserIndex!.Name,
            KeyConditionExpression = "#user = :user",
            ExpressionAttributeNames = new() { ["#user"] = AttributeNames.UserId },
            ExpressionAttributeValues = new() { [":user"] = new AttributeValue { S = userId } },
            ScanIndexForward = false,
            Limit = limit,
        }, cancellationToken).ConfigureAwait(false);

        var events = new List<Dictionary<string, object?>>();
        foreach (var key in keys.Items ?? [])
        {
            var item = await client.GetItemAsync(new GetItemRequest
            {
                TableName = tables.Events,
                Key = new()
                {
                    [AttributeNames.EventId] = key[AttributeNames.EventId],
                    [AttributeNames.Timestamp] = key[AttributeNames.Timestamp],
                },
            }, cancellationToken).ConfigureAwait(false);
            if (item.Item is { Count: > 0 })
            {
                events.Add(item.Item.ToDictionary(a => a.Key, a => ToPlain(a.Value)));
            }
        }

        return events;
    }

    private static object? ToPlain(AttributeValue value) =>
        value.S ?? (value.N is { } n ? ToNumber(n) : value.BOOL is { } b ? b
            : value.M is { } map ? map.ToDictionary(e => e.Key, e => ToPlain(e.Value))
            : value.L is { } list ? list.Select(ToPlain).ToList()
            : null);

    /// <summary>DynamoDB numbers arrive as text; the demo page wants JSON numbers.</summary>
    private static object ToNumber(string text) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : text;
}
