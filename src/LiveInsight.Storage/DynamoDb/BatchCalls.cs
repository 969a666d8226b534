namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// DynamoDB's two batch calls on one table, each with the loop their contract asks for: what DynamoDB leaves
/// unprocessed (the table is at its limit) is sent again after a backoff, until the request's deadline, which
/// ends the loop with a 503. Every batch of the store goes through here, so that loop exists once.
/// </summary>
internal static class BatchCalls
{
    /// <summary>The most items one BatchWriteItem takes.</summary>
    public const int WriteLimit = 25;

    /// <summary>The most keys one BatchGetItem takes.</summary>
    public const int GetLimit = 100;

    /// <summary>Writes these requests (puts or deletes, at most <see cref="WriteLimit"/>) to <paramref name="table"/>.</summary>
    public static Task WriteAsync(IAmazonDynamoDB client, string table, List<WriteRequest> requests, CancellationToken cancellationToken) =>
        Retry.RunAsync(new Dictionary<string, List<WriteRequest>> { [table] = requests }, async (pending, token) =>
        {
            var response = await Guard(() => client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, token)).ConfigureAwait(false);
            return response.UnprocessedItems is not { Count: > 0 } unprocessed || unprocessed.Values.All(v => v.Count == 0)
                ? Attempt<Dictionary<string, List<WriteRequest>>>.Done([])
                : Attempt<Dictionary<string, List<WriteRequest>>>.AfterBackoff(unprocessed);
        }, RetryLimit.UntilDeadline, cancellationToken);

    /// <summary>
    /// Reads the keys of <paramref name="request"/> (at most <see cref="GetLimit"/>) from <paramref name="table"/>, handing
    /// every answered item to <paramref name="found"/>; an item that does not exist is simply never handed over.
    /// </summary>
    public static Task GetAsync(
        IAmazonDynamoDB client, string table, KeysAndAttributes request, Action<Dictionary<string, AttributeValue>> found,
        CancellationToken cancellationToken) =>
        Retry.RunAsync(new Dictionary<string, KeysAndAttributes> { [table] = request }, async (pending, token) =>
        {
            var response = await Guard(() => client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = pending }, token)).ConfigureAwait(false);
            foreach (var item in response.Responses?.GetValueOrDefault(table) ?? [])
            {
                found(item);
            }

            return response.UnprocessedKeys is not { Count: > 0 } unprocessed || unprocessed.Values.All(v => v.Keys is not { Count: > 0 })
                ? Attempt<Dictionary<string, KeysAndAttributes>>.Done([])
                : Attempt<Dictionary<string, KeysAndAttributes>>.AfterBackoff(unprocessed);
        }, RetryLimit.UntilDeadline, cancellationToken);
}
