using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveInsight.Storage.Secrets;

/// <summary>The credentials a request is signed with; in Lambda, the execution role's, from the environment.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    /// <summary>AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, as Lambda sets them; null when absent.</summary>
    public static AwsCredentials? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment("AWS_ACCESS_KEY_ID") is { Length: > 0 } id && environment("AWS_SECRET_ACCESS_KEY") is { Length: > 0 } secret
            ? new AwsCredentials(id, secret, environment("AWS_SESSION_TOKEN") is { Length: > 0 } token ? token : null)
            : null;
    }
}

/// <summary>
/// AWS Signature Version 4 for one JSON request without a query string. Written here because NuGet on our build
/// machines serves no AWSSDK.SecretsManager, and this is the one call the authorizer makes besides DynamoDB's.
/// Tested against the worked example in AWS's S3 documentation.
/// </summary>
public static class SigV4
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>
    /// The headers to add to a request (<c>x-amz-date</c>, <c>x-amz-security-token</c> when there is a session token,
    /// and <c>Authorization</c>), given the headers that must be signed with it (at least <c>host</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Sign(
        string method,
        string path,
        IReadOnlyDictionary<string, string> headers,
        ReadOnlySpan<byte> body,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(credentials);
        var amzDate = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var added = new Dictionary<string, string>(StringComparer.Ordinal) { ["x-amz-date"] = amzDate };
        if (credentials.SessionToken is { } token)
        {
            added["x-amz-security-token"] = token;
        }

        var signed = headers.Concat(added)
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', signed.Select(h => h.Name));
        var canonicalRequest = string.Join('\n',
            method,
            path,
            "",
            string.Concat(signed.Select(h => h.Name + ":" + h.Value + "\n")),
            signedHeaders,
            Hex(SHA256.HashData(body)));

        var day = amzDate[..8];
        var scope = $"{day}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), day);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));

        added["Authorization"] = $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return added;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
