using LiveInsight.Contracts.Tables;
using LiveInsight.Domain.Enrichment;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>How a session update treats the latest activity it carries.</summary>
internal enum CountMode
{
    /// <summary>This request's own events: they are the latest, so they set last_activity_at and exit_page.</summary>
    Own,

    /// <summary>
    /// Events an earlier attempt marked but may not have counted (ADR 0014): they are counted if their
    /// guards are absent, but set the latest time, exit page and duration only where the record has none,
    /// so a late completion never moves a session's end backwards.
    /// </summary>
    Completion,
}

/// <summary>
/// The session-record update for one write: a pure function of the write, so it is tested without
/// DynamoDB. Counters by atomic ADD (never read-modify-write), the latest page and time by SET. The
/// session's first write sets the entry page and referrer outright; every other write sets them only if
/// missing, so a joiner that races ahead of the starter cannot keep them.
/// <para>
/// Every event with a client_event_id adds its guard (<see cref="CountGuards"/>) to the record's guard set,
/// and the update is conditioned on none of its guards being there yet: applying it twice is impossible,
/// so counting is idempotent by itself and needs no transaction. On a failed condition DynamoDB returns
/// the old record, whose guards say which events are already counted.
/// </para>
/// </summary>
internal static class SessionUpdateExpression
{
    public static UpdateItemRequest For(SessionWrite write, string sessionsTable, CountMode mode = CountMode.Own)
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
            mode == CountMode.Own ? "#last = :last" : "#last = if_not_exists(#last, :last)",
            mode == CountMode.Own ? "#exit = :exit" : "#exit = if_not_exists(#exit, :exit)",
            mode == CountMode.Own ? "#duration = :duration" : "#duration = if_not_exists(#duration, :duration)",
            write.StartsSession ? "#entry = :entry" : "#entry = if_not_exists(#entry, :entry)",
        };
        // The visit's first site, source, UTMs, device, browser, OS and country are its starting write's: that write sets
        // them outright and removes those its first event lacks (a joiner racing ahead may have set them). Other writes
        // leave them alone, except the site, which every event of a session shares: were they to fill what is missing,
        // a later page's utm_source would become the visit's campaign.
        var removed = new List<string>();
        for (var i = 0; i < StoredAttributes.SessionNames.Count; i++)
        {
            var name = StoredAttributes.SessionNames[i];
            var present = aggregate.FirstAttributes.TryGetValue(name, out var value);
            if (write.StartsSession || (present && name == EnrichmentAttributes.Site))
            {
                names[$"#f{i}"] = name;
            }

            if (present && write.StartsSession)
            {
                values[$":f{i}"] = S(value!);
                set.Add($"#f{i} = :f{i}");
            }
            else if (present && name == EnrichmentAttributes.Site)
            {
                values[$":f{i}"] = S(value!);
                set.Add($"#f{i} = if_not_exists(#f{i}, :f{i})");
            }
            else if (write.StartsSession)
            {
                removed.Add($"#f{i}");
            }
        }

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
            removed.Add("#referrer");
        }

        var remove = removed.Count == 0 ? "" : " REMOVE " + string.Join(", ", removed);

        var add = "ADD #events :events, #views :views";
        var guards = write.Events.Select(CountGuards.Of).OfType<byte[]>().ToList();
        string? condition = null;
        if (guards.Count > 0)
        {
            names["#guards"] = CountedGuards;
            values[":guards"] = new AttributeValue { BS = guards.Select(g => new MemoryStream(g)).ToList() };
            add += ", #guards :guards";
            condition = string.Join(" AND ", guards.Select((g, i) =>
            {
                values[$":g{i}"] = new AttributeValue { B = new MemoryStream(g) };
                return $"NOT contains(#guards, :g{i})";
            }));
        }

        return new UpdateItemRequest
        {
            TableName = sessionsTable,
            Key = new() { [SessionId] = S(session.SessionId) },
            UpdateExpression = $"SET {string.Join(", ", set)} {add}{remove}",
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = condition is null ? null : ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
    }
}
