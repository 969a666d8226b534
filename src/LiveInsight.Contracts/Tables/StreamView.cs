namespace LiveInsight.Contracts.Tables;

/// <summary>
/// What a table's DynamoDB stream carries. The aggregator (ADR 0021) needs an event's new image and a visit's image
/// before and after each change, so it can add the difference; the other tables keep no stream.
/// </summary>
public enum StreamView
{
    None,
    NewImage,
    NewAndOldImages,
}
