using LiveInsight.Contracts.Tables;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// A local table's DynamoDB stream as its <see cref="TableDefinition.Stream"/> asks. The aggregator (and, under
/// <c>make run</c>, the local poller feeding it) reads the Events and Sessions streams; a developer's
/// <c>.local/dynamodb</c> from before issue 14 holds those tables without one, so an existing table is mended too.
/// </summary>
public static class LocalStreams
{
    /// <summary>The StreamSpecification for <paramref name="view"/>, or null for a table that keeps no stream.</summary>
    public static StreamSpecification? SpecificationOf(StreamView view) => view switch
    {
        StreamView.NewImage => new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_IMAGE },
        StreamView.NewAndOldImages => new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES },
        _ => null,
    };

    /// <summary>
    /// Turns on <paramref name="view"/>'s stream on an existing table that lacks it, or keeps another view. A table
    /// whose definition keeps no stream is left as it is: switching a stream off would gain nothing locally.
    /// </summary>
    public static async Task EnsureAsync(IAmazonDynamoDB client, string table, StreamView view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (SpecificationOf(view) is not { } wanted)
        {
            return;
        }

        var current = (await client.DescribeTableAsync(table, cancellationToken).ConfigureAwait(false)).Table.StreamSpecification;
        if (current is { StreamEnabled: true } && current.StreamViewType == wanted.StreamViewType)
        {
            return;
        }

        if (current is { StreamEnabled: true })
        {
            // DynamoDB changes a stream's view only by switching it off and on again (a new stream, a new ARN).
            await client.UpdateTableAsync(new UpdateTableRequest
            {
                TableName = table,
                StreamSpecification = new StreamSpecification { StreamEnabled = false },
            }, cancellationToken).ConfigureAwait(false);
        }

        await client.UpdateTableAsync(new UpdateTableRequest { TableName = table, StreamSpecification = wanted }, cancellationToken).ConfigureAwait(false);
    }
}
