using System.Text;
using LiveInsight.LocalHost.Streams;

namespace LiveInsight.EndToEnd.Tests.LocalStreams;

/// <summary>A GetRecords answer, as DynamoDB Local writes it, into the records Lambda would hand the aggregator.</summary>
public sealed class StreamRecordConversionTests
{
    private const string Arn = "arn:aws:dynamodb:ddblocal:000000000000:table/LiveInsight-Sessions/stream/2026-12-02T08:00:05.428";

    // Captured from DynamoDB Local 2.x (a PutItem of every attribute kind, then a second PutItem of the same key).
    private const string Page = """
        {"Records":[
          {"eventID":"31f50ce2","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"ddblocal",
           "dynamodb":{"ApproximateCreationDateTime":1796198400.000,"Keys":{"k":{"S":"a"}},
             "NewImage":{"ss":{"SS":["x","y"]},"bs":{"BS":["AQ==","Ag=="]},"b":{"B":"AAEC"},"t":{"BOOL":false},"ns":{"NS":["1","2"]},
                         "z":{"NULL":true},"k":{"S":"a"},"l":{"L":[{"N":"3"},{"NULL":true}]},"m":{"M":{"i":{"S":"v"}}},"n":{"N":"1.5"}},
             "SequenceNumber":"000000000000000000001","SizeBytes":46,"StreamViewType":"NEW_AND_OLD_IMAGES"}},
          {"eventID":"1578cced","eventName":"MODIFY","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"ddblocal",
           "dynamodb":{"ApproximateCreationDateTime":1796198401.000,"Keys":{"k":{"S":"a"}},"NewImage":{"k":{"S":"a"},"n":{"N":"2"}},
             "OldImage":{"k":{"S":"a"},"n":{"N":"1.5"}},"SequenceNumber":"000000000000000000002","SizeBytes":51,"StreamViewType":"NEW_AND_OLD_IMAGES"}}],
         "NextShardIterator":"arn:aws:dynamodb:ddblocal:000000000000:table/LiveInsight-Sessions/stream/2026|001|c2hh"}
        """;

    private static RecordsPage Convert(string json) => StreamRecordConversion.FromGetRecords(Encoding.UTF8.GetBytes(json), Arn);

    [Fact]
    public void EveryAttributeKind_ArrivesAsTheLambdaRecordCarriesIt()
    {
        var image = Convert(Page).Records[0].Dynamodb!.NewImage!;

        Assert.Equal("a", image["k"].S);
        Assert.Equal("1.5", image["n"].N);
        Assert.Equal(new byte[] { 0, 1, 2 }, image["b"].B);
        Assert.Equal(["x", "y"], image["ss"].SS!);
        Assert.Equal(["1", "2"], image["ns"].NS!);
        Assert.Equal([new byte[] { 1 }, new byte[] { 2 }], image["bs"].BS!);
        Assert.Equal("v", image["m"].M!["i"].S);
        Assert.Equal("3", image["l"].L![0].N);
        Assert.True(image["l"].L![1].NULL);
        Assert.True(image["z"].NULL);
        Assert.False(image["t"].BOOL);
        Assert.Null(image["t"].S);
    }

    [Fact]
    public void EachRecord_NamesTheStreamAsItsSource_AndKeepsItsChange()
    {
        var page = Convert(Page);

        Assert.Equal(2, page.Records.Count);
        Assert.All(page.Records, r => Assert.Equal(Arn, r.EventSourceArn));
        var modify = page.Records[1];
        Assert.Equal("MODIFY", modify.EventName);
        Assert.Equal("1578cced", modify.EventID);
        Assert.Equal("000000000000000000002", modify.Dynamodb!.SequenceNumber);
        Assert.Equal("NEW_AND_OLD_IMAGES", modify.Dynamodb.StreamViewType);
        Assert.Equal(1796198401d, modify.Dynamodb.ApproximateCreationDateTime);
        Assert.Equal("a", modify.Dynamodb.Keys!["k"].S);
        Assert.Equal("1.5", modify.Dynamodb.OldImage!["n"].N);
        Assert.Equal("2", modify.Dynamodb.NewImage!["n"].N);
        Assert.Null(page.Records[0].Dynamodb!.OldImage);
    }

    [Fact]
    public void TheNextIterator_IsKept_AndIsNullWhenAClosedShardEnds()
    {
        Assert.Equal("arn:aws:dynamodb:ddblocal:000000000000:table/LiveInsight-Sessions/stream/2026|001|c2hh", Convert(Page).NextShardIterator);

        var last = Convert("""{"Records":[]}""");

        Assert.Empty(last.Records);
        Assert.Null(last.NextShardIterator);
    }
}
