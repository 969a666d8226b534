using System.Text;
using LiveInsight.Storage.Secrets;

namespace LiveInsight.Storage.Tests.Secrets;

public sealed class SigV4Tests
{
    private static readonly AwsCredentials Example = new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);

    [Fact]
    public void Sign_GivesTheSignatureOfAwssWorkedExample()
    {
        // The GET Object example of AWS's S3 documentation ("Signature Calculations for the Authorization Header"),
        // whose signature AWS publishes.
        var headers = new Dictionary<string, string>
        {
            ["Host"] = "examplebucket.s3.amazonaws.com",
            ["Range"] = "bytes=0-9",
            ["x-amz-content-sha256"] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        };

        var added = SigV4.Sign("GET", "/test.txt", headers, [], Example, "us-east-1", "s3", new DateTimeOffset(2013, 5, 24, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal("20130524T000000Z", added["x-amz-date"]);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
            added["Authorization"]);
    }

    [Fact]
    public void ASessionToken_IsSentAndSigned()
    {
        var withToken = Example with { SessionToken = "token-from-the-role" };
        var at = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
        var headers = new Dictionary<string, string> { ["host"] = "secretsmanager.eu-west-1.amazonaws.com" };

        var added = SigV4.Sign("POST", "/", headers, Encoding.UTF8.GetBytes("{}"), withToken, "eu-west-1", "secretsmanager", at);
        var without = SigV4.Sign("POST", "/", headers, Encoding.UTF8.GetBytes("{}"), Example, "eu-west-1", "secretsmanager", at);

        Assert.Equal("token-from-the-role", added["x-amz-security-token"]);
        Assert.Contains("SignedHeaders=host;x-amz-date;x-amz-security-token,", added["Authorization"], StringComparison.Ordinal);
        Assert.NotEqual(without["Authorization"], added["Authorization"]);
    }

    [Fact]
    public void TheBody_IsPartOfTheSignature()
    {
        var at = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
        var headers = new Dictionary<string, string> { ["host"] = "h" };

        var a = SigV4.Sign("POST", "/", headers, "{\"SecretId\":\"a\"}"u8, Example, "eu-west-1", "secretsmanager", at);
        var b = SigV4.Sign("POST", "/", headers, "{\"SecretId\":\"b\"}"u8, Example, "eu-west-1", "secretsmanager", at);

        Assert.NotEqual(a["Authorization"], b["Authorization"]);
    }
}
