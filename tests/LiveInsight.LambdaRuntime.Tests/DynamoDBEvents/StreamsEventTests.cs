using System.Text;
using LiveInsight.LambdaRuntime.DynamoDBEvents;

namespace LiveInsight.LambdaRuntime.Tests;

public sealed class StreamsEventTests : RuntimeApiTest
{
    // The shape AWS documents for a DynamoDB Streams event handed to Lambda, with every attribute value kind.
    private const string Batch = """
        {"Records":[{
          "eventID":"c4ca4238a0b923820dcc509a6f75849b","eventName":"MODIFY","eventVersion":"1.1","eventSource":"aws:dynamodb",
          "awsRegion":"eu-west-1",
          "dynamodb":{
            "ApproximateCreationDateTime":1479499740,
            "Keys":{"session_id":{"S":"sess_1"}},
            "NewImage":{"s":{"S":"text"},"n":{"N":"42.5"},"b":{"B":"AAEC"},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"bs":{"BS":["AQ=="]},
                        "m":{"M":{"inner":{"BOOL":true}}},"l":{"L":[{"NULL":true},{"N":"1"}]}},
            "OldImage":{"s":{"S":"before"}},
            "SequenceNumber":"400000000000000000001","SizeBytes":120,"StreamViewType":"NEW_AND_OLD_IMAGES"},
          "eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/LiveInsight-Sessions/stream/2026-12-01T00:00:00.000",
          "userIdentity":{"type":"Service","principalId":"dynamodb.amazonaws.com"}}]}
        """;

    [Fact]
    public void ParseEvent_ReadsEveryFieldAndAttributeValueKind()
    {
        var record = Assert.Single(StreamsJson.ParseEvent(Encoding.UTF8.GetBytes(Batch)).Records!);

        Assert.Equal(("c4ca4238a0b923820dcc509a6f75849b", "MODIFY"), (record.EventID, record.EventName));
        Assert.EndsWith("/stream/2026-12-01T00:00:00.000", record.EventSourceArn, StringComparison.Ordinal);
        Assert.Equal(("Service", "dynamodb.amazonaws.com"), (record.UserIdentity!.Type, record.UserIdentity.PrincipalId));
        var change = record.Dynamodb!;
        Assert.Equal(("400000000000000000001", 120L, "NEW_AND_OLD_IMAGES"), (change.SequenceNumber, change.SizeBytes, change.StreamViewType));
        Assert.Equal("sess_1", change.Keys!["session_id"].S);
        Assert.Equal("before", change.OldImage!["s"].S);
        var image = change.NewImage!;
        Assert.Equal("42.5", image["n"].N);
        Assert.Equal([0, 1, 2], image["b"].B);
        Assert.Equal(["a", "b"], image["ss"].SS);
        Assert.Equal(["1", "2"], image["ns"].NS);
        Assert.Equal([1], Assert.Single(image["bs"].BS!));
        Assert.True(image["m"].M!["inner"].BOOL);
        Assert.True(image["l"].L![0].NULL);
        Assert.Equal("1", image["l"].L![1].N);
    }

    [Fact]
    public void ParseEvent_ReadsTheTumblingWindowFields_WhichAloneNameTheShard()
    {
        var batch = StreamsJson.ParseEvent(Encoding.UTF8.GetBytes(
            """
            {"Records":[],"window":{"start":"2026-12-02T13:00:00Z","end":"2026-12-02T13:15:00Z"},"state":{"k":"v"},
             "shardId":"shardId-00000001764633600000-0a1b2c3d","eventSourceARN":"arn","isFinalInvokeForWindow":false,"isWindowTerminatedEarly":false}
            """));

        Assert.Equal("shardId-00000001764633600000-0a1b2c3d", batch.ShardId);
        Assert.Equal("2026-12-02T13:15:00Z", batch.Window!.End);
        Assert.Equal("v", batch.State!["k"]);
        Assert.False(batch.IsFinalInvokeForWindow);
    }

    [Fact]
    public void Serialize_WritesBatchItemFailuresAsLambdaReadsThem()
    {
        var response = new StreamsEventResponse { BatchItemFailures = { new() { ItemIdentifier = "400000000000000000007" } } };

        var json = Encoding.UTF8.GetString(StreamsJson.Serialize(response));

        Assert.Equal("""{"state":{},"batchItemFailures":[{"itemIdentifier":"400000000000000000007"}]}""", json);
        Assert.Equal("""{"state":{},"batchItemFailures":[]}""", Encoding.UTF8.GetString(StreamsJson.Serialize(new StreamsEventResponse())));
    }

    [Fact]
    public async Task StreamsLoop_HandsTheBatchToTheHandler_AndPostsItsAnswer()
    {
        var id = Api.Enqueue(Batch);
        string? seen = null;

        await RunOneInvocationAsync((batch, _, _) =>
        {
            seen = batch.Records![0].Dynamodb!.SequenceNumber;
            return Task.FromResult(new StreamsEventResponse { BatchItemFailures = { new() { ItemIdentifier = seen } } });
        }, EventCodecs.Streams);

        var answer = SingleResponseTo(id);
        Assert.Equal("400000000000000000001", seen);
        Assert.Equal(seen, answer.GetProperty("batchItemFailures")[0].GetProperty("itemIdentifier").GetString());
    }
}
