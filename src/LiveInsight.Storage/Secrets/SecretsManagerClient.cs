using System.Net.Http.Headers;
using System.Text.Json;

namespace LiveInsight.Storage.Secrets;

/// <summary>A secret could not be read: the authorizer fails the request (API Gateway answers 500), never allows it.</summary>
public sealed class SecretUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// <c>GetSecretValue</c> over Secrets Manager's JSON protocol, signed with <see cref="SigV4"/>. The endpoint can be
/// overridden for tests; by default it is the region's public endpoint.
/// </summary>
public sealed class SecretsManagerClient(HttpClient http, AwsCredentials credentials, string region, Uri? endpoint = null, TimeProvider? clock = null)
{
    private const string Service = "secretsmanager";

    private readonly Uri _endpoint = endpoint ?? new Uri($"https://secretsmanager.{region}.amazonaws.com/");
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The secret's current <c>SecretString</c>.</summary>
    /// <exception cref="SecretUnavailableException">Secrets Manager refused or could not be reached.</exception>
    public async Task<string> GetSecretStringAsync(string secretId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretId);
        var body = RequestBody(secretId);
        var host = _endpoint.IsDefaultPort ? _endpoint.Host : $"{_endpoint.Host}:{_endpoint.Port}";
        var signedHeaders = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = host,
            ["content-type"] = "application/x-amz-json-1.1",
            ["x-amz-target"] = "secretsmanager.GetSecretValue",
        };
        var added = SigV4.Sign("POST", _endpoint.AbsolutePath, signedHeaders, body, credentials, region, Service, _clock.GetUtcNow());

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", signedHeaders["x-amz-target"]);
        foreach (var (name, value) in added)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // The error's __type names the cause (AccessDeniedException, ResourceNotFoundException) without secrets.
                throw new SecretUnavailableException($"Secrets Manager answered {(int)response.StatusCode}: {ErrorType(text)}.");
            }

            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("SecretString", out var secret) && secret.ValueKind == JsonValueKind.String
                ? secret.GetString()!
                : throw new SecretUnavailableException("The secret has no SecretString.");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SecretUnavailableException("Secrets Manager could not be read: " + ex.GetType().Name, ex);
        }
    }

    private static byte[] RequestBody(string secretId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("SecretId", secretId);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string ErrorType(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            // Any other shape is "unknown" too: reading it must not throw past the one exception the caller expects.
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("__type", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()!
                : "unknown";
        }
        catch (JsonException)
        {
            return "unreadable answer";
        }
    }
}
