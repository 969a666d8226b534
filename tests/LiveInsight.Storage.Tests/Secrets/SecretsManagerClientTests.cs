using System.Text.Json;
using LiveInsight.Storage.Secrets;
using LiveInsight.Testing.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveInsight.Storage.Tests.Secrets;

/// <summary>
/// The client against a loopback stand-in for Secrets Manager (there is none to run locally): the request it sends
/// must be the documented GetSecretValue call, and each kind of answer must come out as the authorizer needs.
/// </summary>
public sealed class SecretsManagerClientTests
{
    private static readonly AwsCredentials Role = new("ASIAEXAMPLE", "secret", "session-token");
    private static readonly DateTimeOffset At = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private sealed record Seen(string? Target, string? ContentType, string? Authorization, string? Token, string? Date, string Body);

    private static async Task<(string? Secret, Exception? Error, Seen Seen)> CallAsync(int status, string answer)
    {
        Seen? seen = null;
        var (app, address) = await LoopbackServer.StartAsync(a => a.MapPost("/", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            seen = new Seen(
                http.Request.Headers["X-Amz-Target"], http.Request.ContentType, http.Request.Headers.Authorization,
                http.Request.Headers["x-amz-security-token"], http.Request.Headers["x-amz-date"], await reader.ReadToEndAsync());
            return Results.Text(answer, "application/x-amz-json-1.1", statusCode: status);
        }));
        await using var _ = app;
        using var http = new HttpClient();
        var client = new SecretsManagerClient(http, Role, "eu-west-1", address, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(At));
        try
        {
            return (await client.GetSecretStringAsync("arn:aws:secretsmanager:eu-west-1:1:secret:LiveInsight/StatsApiKeys-AbCdEf", CancellationToken.None), null, seen!);
        }
        catch (SecretUnavailableException ex)
        {
            return (null, ex, seen!);
        }
    }

    [Fact]
    public async Task GetSecretString_SendsASignedGetSecretValue_AndReturnsTheSecretString()
    {
        var (secret, _, seen) = await CallAsync(200, """{"ARN":"a","Name":"LiveInsight/StatsApiKeys","SecretString":"{\"key\":\"k\"}","VersionId":"v"}""");

        Assert.Equal("{\"key\":\"k\"}", secret);
        Assert.Equal("secretsmanager.GetSecretValue", seen.Target);
        Assert.Equal("application/x-amz-json-1.1", seen.ContentType);
        Assert.Equal("arn:aws:secretsmanager:eu-west-1:1:secret:LiveInsight/StatsApiKeys-AbCdEf",
            JsonDocument.Parse(seen.Body).RootElement.GetProperty("SecretId").GetString());
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261202/eu-west-1/secretsmanager/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=", seen.Authorization, StringComparison.Ordinal);
        Assert.Equal("session-token", seen.Token);
        Assert.Equal("20261202T080000Z", seen.Date);
    }

    [Fact]
    public async Task ARefusal_IsThrownWithItsTypeButNothingSecret()
    {
        var (_, error, _) = await CallAsync(400, """{"__type":"AccessDeniedException","Message":"not allowed"}""");

        var refused = Assert.IsType<SecretUnavailableException>(error);
        Assert.Contains("400", refused.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDeniedException", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerWithoutASecretString_IsThrown()
    {
        var (_, error, _) = await CallAsync(200, """{"ARN":"a","SecretBinary":"AAEC"}""");

        Assert.IsType<SecretUnavailableException>(error);
    }

    [Theory]
    [InlineData(200, "[]")]
    [InlineData(200, "\"a string\"")]
    [InlineData(400, "[]")]
    [InlineData(400, """{"__type":5}""")]
    public async Task AnAnswerOfAnotherJsonShape_IsThrownAsUnavailable_NotAsAnotherException(int status, string answer)
    {
        var (_, error, _) = await CallAsync(status, answer);

        Assert.IsType<SecretUnavailableException>(error);
    }
}
