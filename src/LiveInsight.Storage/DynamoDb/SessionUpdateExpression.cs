using Amazon.DynamoDBv2.Model;
using LiveInsight.Domain.Storage;
using static LiveInsight.Storage.DynamoDb.ItemMapper;
using static LiveInsight.Contracts.Tables.AttributeNames;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// The session-record update for one write: a pure function of the write, so it is tested without
/// DynamoDB. Counters by atomic ADD (never read-modify-write), the latest page and time by SET. The
/// session's first write sets the entry page and referrer outright; every other write sets them only if
/// missing, so a joiner that races ahead of the starter cannot keep them.
/// </summary>
internal static class SessionUpdateExpression
{
    public static Update For(SessionWrite write, string sessionsTable)
    {
        var aggregate = write.Aggregate;
        var session = write.Session;
        var names = new Dictionary<string, string>
        {
            ["#user"] = UserId,
            ["#started"] = StartedAt,
            ["#last"] = LastActivityAt,
            ["#exit"] = ExitPage,
            ["#entry"] = EntryPage,
            ["#duration"] = DurationSeconds,
            ["#events"] = EventCount,
            ["#views"] = PageViewCount,
        };
        var values = new Dictionary<string, AttributeValue>
        {
            [":user"] = S(session.UserId),
            [":started"] = S(Iso(session.StartedAt)),
            [":last"] = S(Iso(aggregate.LastActivityAt)),
            [":exit"] = S(aggregate.LastPage),
            [":entry"] = S(aggregate.FirstPage),
            [":duration"] = N((long)Math.Max(0, (aggregate.LastActivityAt - session.StartedAt).TotalSeconds)),
            [":events"] = N(aggregate.EventCount),
            [":views"] = N(aggregate.PageViewCount),
        };

        var set = new List<string>
        {
            "#user = if_not_exists(#user, :user)",
            "#started = if_not_exists(#started, :started)",
            "#last = :last",
            "#exit = :exit",
            "#duration = :duration",
            write.StartsSession ? "#entry = :entry" : "#entry = if_not_exists(#entry, :entry)",
        };
        var remove = "";
        if (aggregate.FirstReferrer is not null)
        {
            names["#referrer"] = Referrer;
            values[":referrer"] = S(aggregate.FirstReferrer);
            set.Add(write.StartsSession ? "#referrer = :referrer" : "#referrer = if_not_exists(#referrer, :referrer)");
        }
        else if (write.StartsSession)
        {
            // The first event came without a referrer: one a joiner racing ahead may have set is not the session's.
            names["#referrer"] = Referrer;
            remove = " REMOVE #referrer";
        }

        return new Update
        {
            TableName = sessionsTable,
            Key = new() { [SessionId] = S(session.SessionId) },
            UpdateExpression = $"SET {string.Join(", ", set)} ADD #events :events, #views :views{remove}",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
    }

    /// <summary>The same update as a standalone request, for writes that need no transaction.</summary>
    public static UpdateItemRequest AsRequest(Update update) => new()
    {
        TableName = update.TableName,
        Key = update.Key,
        UpdateExpression = update.UpdateExpression,
        ExpressionAttributeNames = update.ExpressionAttributeNames,
        ExpressionAttributeValues = update.ExpressionAttributeValues,
    };
}
