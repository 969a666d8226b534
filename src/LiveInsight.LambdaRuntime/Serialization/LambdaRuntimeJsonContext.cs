using System.Text.Json.Serialization;
using LiveInsight.LambdaRuntime.APIGatewayEvents;
using LiveInsight.LambdaRuntime.DynamoDBEvents;

namespace LiveInsight.LambdaRuntime;

/// <summary>
/// Every type the runtime puts on or takes off the wire. Source-generated so the Native AOT build never
/// touches reflection-based serialization. With the official packages the two proxy types move to a context
/// the function declares and hands to <c>SourceGeneratorLambdaJsonSerializer</c>
/// (Amazon.Lambda.Serialization.SystemTextJson); <see cref="LambdaError"/> becomes RuntimeSupport's business.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(DynamoDBEvent))]
[JsonSerializable(typeof(StreamsEventResponse))]
[JsonSerializable(typeof(APIGatewayCustomAuthorizerRequest))]
[JsonSerializable(typeof(APIGatewayCustomAuthorizerResponse))]
[JsonSerializable(typeof(LambdaError))]
internal sealed partial class LambdaRuntimeJsonContext : JsonSerializerContext;
