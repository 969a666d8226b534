using System.Net;
using System.Text.Json;
using LiveInsight.Contracts.Routing;
using LiveInsight.Function.Api;

namespace LiveInsight.LocalHost;

/// <summary>
/// The local stand-in for IAM on the <see cref="RouteAccess.Iam"/> routes (a person's export and erasure): open, but
/// only to clients on this machine. The host binds to 127.0.0.1 unless <c>LIVEINSIGHT_BIND</c> says otherwise; when it
/// is exposed on purpose (0.0.0.0), anyone on the network could otherwise read or erase a person's data. Like the
/// stats key gate, it runs before the request reaches the handler, as API Gateway's authorization does.
/// </summary>
public static class LoopbackGate
{
    /// <summary>Whether <paramref name="path"/> (below the stage) reaches an IAM-only route, matched as API Gateway matches it.</summary>
    public static bool Guards(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ApiRoutes.Match(path) is { Route.Access: RouteAccess.Iam };
    }

    /// <summary>Whether the request must be refused: an IAM-only route, and a client that is not on this machine.</summary>
    public static bool Refuses(string path, IPAddress? remote) => Guards(path) && !IsLoopback(remote);

    /// <summary>The collector's error shape, with 403.</summary>
    public static string RefusalBody { get; } = Refusal();

    private static string Refusal()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("code", ErrorCodes.Forbidden);
            writer.WriteString("message", "Export and erasure answer only clients on this machine (127.0.0.1 or ::1).");
            writer.WriteStartArray("details");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static bool IsLoopback(IPAddress? remote) =>
        remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
}
