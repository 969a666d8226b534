using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveInsight.LocalHost.Streams;

/// <summary>
/// The DynamoDB Streams API of DynamoDB Local over its JSON protocol (<c>X-Amz-Target: DynamoDBStreams_20120810.*</c>).
/// Local only: DynamoDB Local wants an Authorization header naming some access key but checks no signature, so none is
/// computed. In AWS the event source mappings read the streams and this class is not used.
/// </summary>
public sealed class LocalStreamsClient(HttpClient http, Uri serviceUrl, string region = "us-east-1") : IStreamsApi
{
    public async Task<ShardsPage> DescribeStreamAsync(string streamArn, string? exclusiveStartShardId, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["StreamArn"] = streamArn };
        if (exclusiveStartShardId is not null)
        {
            request["ExclusiveStartShardId"] = exclusiveStartShardId;
        }

        using var answer = JsonDocument.Parse(await CallAsync("DescribeStream", request, cancellationToken).ConfigureAwait(false));
        var description = answer.RootElement.GetProperty("StreamDescription");
        var shards = description.TryGetProperty("Shards", out var list)
            ? list.EnumerateArray().Select(s => new ShardInfo(
                s.GetProperty("ShardId").GetString()!,
                s.TryGetProperty("ParentShardId", out var parent) ? parent.GetString() : null)).ToList()
            : [];
        return new ShardsPage(shards, description.TryGetProperty("LastEvaluatedShardId", out var last) ? last.GetString() : null);
    }

    public async Task<string> GetShardIteratorAsync(string streamArn, string shardId, ShardPosition position, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(position);
        var request = new JsonObject { ["StreamArn"] = streamArn, ["ShardId"] = shardId, ["ShardIteratorType"] = position.Type };
        if (position.SequenceNumber is { } sequence)
        {
            request["SequenceNumber"] = sequence;
        }

        using var answer = JsonDocument.Parse(await CallAsync("GetShardIterator", request, cancellationToken).ConfigureAwait(false));
        return answer.RootElement.GetProperty("ShardIterator").GetString()!;
    }

    public async Task<RecordsPage> GetRecordsAsync(string streamArn, string shardIterator, int limit, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("GetRecords", new JsonObject { ["ShardIterator"] = shardIterator, ["Limit"] = limit }, cancellationToken).ConfigureAwait(false);
        return StreamRecordConversion.FromGetRecords(answer, streamArn);
    }

    private async Task<byte[]> CallAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, serviceUrl)
        {
            Content = new StringContent(body.ToJsonString()),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDBStreams_20120810." + operation);
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"AWS4-HMAC-SHA256 Credential=local/20260101/{region}/dynamodb/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return bytes;
        }

        throw ToError(bytes, (int)response.StatusCode);
    }

    /// <summary><c>{"__type":"com.amazonaws.dynamodb.v20120810#ExpiredIteratorException","Message":"…"}</c>.</summary>
    private static StreamsApiException ToError(byte[] body, int status)
    {
        try
        {
            using var error = JsonDocument.Parse(body);
            var type = error.RootElement.TryGetProperty("__type", out var t) ? t.GetString() ?? "" : "";
            var message = error.RootElement.TryGetProperty("Message", out var m) || error.RootElement.TryGetProperty("message", out m) ? m.GetString() ?? "" : "";
            return new StreamsApiException(type[(type.LastIndexOf('#') + 1)..], message);
        }
        catch (JsonException)
        {
            return new StreamsApiException("HTTP" + status, System.Text.Encoding.UTF8.GetString(body));
        }
    }
}

