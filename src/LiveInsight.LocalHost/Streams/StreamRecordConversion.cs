using System.Text.Json;
using LiveInsight.LambdaRuntime.DynamoDBEvents;

namespace LiveInsight.LocalHost.Streams;

/// <summary>
/// A <c>GetRecords</c> answer turned into the records Lambda's event source mapping hands the aggregator. The Streams
/// API's records are Lambda's records less one field: each has <c>eventID</c>, <c>eventName</c>, the <c>dynamodb</c>
/// change (keys, images with every attribute kind, <c>ApproximateCreationDateTime</c> in epoch seconds, sequence number,
/// view type), but no <c>eventSourceARN</c>, which Lambda sets to the stream's ARN. So the answer is read with the very
/// parser the deployed function reads Lambda's payload with (<see cref="StreamsJson"/>), and the ARN is added. Pure.
/// </summary>
public static class StreamRecordConversion
{
    public static RecordsPage FromGetRecords(ReadOnlySpan<byte> json, string streamArn)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamArn);
        // GetRecords answers {"Records":[…],"NextShardIterator":"…"}: the same "Records" member as Lambda's event.
        var records = StreamsJson.ParseEvent(json).Records ?? [];
        foreach (var record in records)
        {
            record.EventSourceArn = streamArn;
            record.EventSource ??= "aws:dynamodb";
        }

        return new RecordsPage([.. records], NextIterator(json));
    }

    private static string? NextIterator(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.CurrentDepth >= 1)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var isNext = reader.ValueTextEquals("NextShardIterator"u8);
                reader.Read();
                if (isNext)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }

        return null;
    }
}
