using System.Text.Json.Serialization;

namespace LiveInsight.Function.LambdaRuntime;

/// <summary>
/// Every type the runtime puts on or takes off the wire. Source-generated so the Native AOT build never
/// touches reflection-based serialization.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(LambdaError))]
internal sealed partial class LambdaRuntimeJsonContext : JsonSerializerContext;
