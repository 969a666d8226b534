using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;

namespace LiveInsight.Infra.Tests;

public sealed class DeploymentSettingsTests
{
    [Fact]
    public void FromContext_WhenNothingIsSet_ReturnsTheDefaults()
    {
        var settings = DeploymentSettings.FromContext(_ => null);

        Assert.Equal(TableBilling.OnDemand, settings.Billing);
        Assert.Equal(Architecture.X86_64.Name, settings.Architecture.Name);
        Assert.Equal(30, settings.LogRetentionDays);
        Assert.Equal(RetentionDays.ONE_MONTH, settings.LogRetention);
        Assert.Equal(["*"], settings.AllowedOrigins);
        Assert.Equal(100, settings.ThrottlingRateLimit);
        Assert.Equal(200, settings.ThrottlingBurstLimit);
        Assert.Null(settings.AlarmEmail);
        Assert.Equal("info", settings.LogLevel);
        Assert.Equal(30, settings.SessionTimeoutMinutes);
        Assert.Equal("artifacts/function.zip", settings.FunctionCodePath);
        Assert.False(settings.AllowPlaceholderCode);
        Assert.True(settings.ApiGatewayCloudWatchRole);
        Assert.Equal(ApiType.Rest, settings.ApiType);
        Assert.Equal(60, settings.AggregatorBatchWindowSeconds);
        Assert.False(settings.Waf);
        Assert.Equal(2000, settings.WafRateLimit);
    }

    [Fact]
    public void FromContext_RefusesWafOnAnHttpApi_WhichCannotTakeAWebAcl()
    {
        var context = new Dictionary<string, string> { [ContextKeys.ApiType] = "http", [ContextKeys.Waf] = "true" };

        var error = Assert.Throws<ArgumentException>(() => DeploymentSettings.FromContext(key => context.GetValueOrDefault(key)));

        Assert.Equal(ContextKeys.Waf, error.ParamName);
        Assert.Contains("HTTP API cannot take an AWS WAF web ACL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("2000000001")]
    [InlineData("many")]
    public void FromContext_RefusesAWafRateLimitWafWouldRefuse(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => DeploymentSettings.FromContext(key => key == ContextKeys.WafRateLimit ? value : null));

        Assert.Equal(ContextKeys.WafRateLimit, error.ParamName);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("300", 300)]
    public void FromContext_ReadsTheAggregatorBatchWindow(string value, int expected)
    {
        var settings = DeploymentSettings.FromContext(key => key == ContextKeys.AggregatorBatchWindowSeconds ? value : null);

        Assert.Equal(expected, settings.AggregatorBatchWindowSeconds);
    }

    [Theory]
    [InlineData("301")]
    [InlineData("-1")]
    [InlineData("30s")]
    public void FromContext_RefusesABatchWindowLambdaWouldRefuse(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => DeploymentSettings.FromContext(key => key == ContextKeys.AggregatorBatchWindowSeconds ? value : null));

        Assert.Equal(ContextKeys.AggregatorBatchWindowSeconds, error.ParamName);
    }

    [Theory]
    [InlineData("rest", ApiType.Rest)]
    [InlineData("http", ApiType.Http)]
    [InlineData(" http ", ApiType.Http)]
    public void FromContext_ReadsTheApiType(string value, ApiType expected)
    {
        var settings = DeploymentSettings.FromContext(key => key == ContextKeys.ApiType ? value : null);

        Assert.Equal(expected, settings.ApiType);
    }

    [Theory]
    [InlineData("HTTP")]
    [InlineData("websocket")]
    [InlineData("v2")]
    public void FromContext_RefusesAnUnknownApiTypeNamingTheKey(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => DeploymentSettings.FromContext(key => key == ContextKeys.ApiType ? value : null));

        Assert.Equal(ContextKeys.ApiType, error.ParamName);
    }

    [Fact]
    public void CdkJson_StatesTheSameDefaultsAsTheCode()
    {
        var context = CdkJson.Context();

        var fromCdkJson = DeploymentSettings.FromContext(key => context.GetValueOrDefault(key));

        Assert.Equal(DeploymentSettings.Defaults with { Architecture = fromCdkJson.Architecture, AllowedOrigins = fromCdkJson.AllowedOrigins, Sites = fromCdkJson.Sites }, fromCdkJson);
        Assert.Equal(DeploymentSettings.Defaults.Architecture.Name, fromCdkJson.Architecture.Name);
        Assert.Equal(DeploymentSettings.Defaults.AllowedOrigins, fromCdkJson.AllowedOrigins);
        Assert.Equal(DeploymentSettings.Defaults.Sites, fromCdkJson.Sites);
        Assert.All(typeof(ContextKeys).GetFields(), field => Assert.True(context.ContainsKey((string)field.GetValue(null)!), field.Name));
    }

    [Fact]
    public void CdkJson_RunsTheInfraProject()
    {
        Assert.Equal("dotnet run --project infra/LiveInsight.Infra", (string?)CdkJson.Read()["app"]);
    }

    [Theory]
    [InlineData("provisioned", TableBilling.Provisioned)]
    [InlineData("onDemand", TableBilling.OnDemand)]
    public void BillingMode_IsReadFromContext(string value, TableBilling expected)
    {
        Assert.Equal(expected, Settings(ContextKeys.BillingMode, value).Billing);
    }

    [Fact]
    public void Architecture_Arm64_IsReadFromContext()
    {
        Assert.Equal(Architecture.ARM_64.Name, Settings(ContextKeys.Architecture, "arm64").Architecture.Name);
    }

    [Fact]
    public void NumbersFromCdkJson_AreReadLikeStringsFromTheCommandLine()
    {
        Assert.Equal(90, Settings(ContextKeys.LogRetentionDays, 90d).LogRetentionDays);
        Assert.Equal(90, Settings(ContextKeys.LogRetentionDays, "90").LogRetentionDays);
        Assert.True(Settings(ContextKeys.AllowPlaceholderCode, true).AllowPlaceholderCode);
        Assert.True(Settings(ContextKeys.AllowPlaceholderCode, "true").AllowPlaceholderCode);
    }

    [Fact]
    public void AllowedOrigins_AreSplitTrimmedAndLoseTrailingSlashes()
    {
        var settings = Settings(ContextKeys.AllowedOrigins, " https://a.example.com/ ,https://b.example.com:8443");

        Assert.Equal(["https://a.example.com", "https://b.example.com:8443"], settings.AllowedOrigins);
    }

    [Fact]
    public void AlarmEmail_WhenEmpty_MeansNoSubscription()
    {
        Assert.Null(Settings(ContextKeys.AlarmEmail, "").AlarmEmail);
        Assert.Equal("ops@example.com", Settings(ContextKeys.AlarmEmail, "ops@example.com").AlarmEmail);
    }

    [Theory]
    [InlineData(ContextKeys.BillingMode, "reserved")]
    [InlineData(ContextKeys.Architecture, "aarch64")]
    [InlineData(ContextKeys.LogRetentionDays, "31")]
    [InlineData(ContextKeys.LogRetentionDays, "thirty")]
    [InlineData(ContextKeys.AllowedOrigins, "example.com")]
    [InlineData(ContextKeys.AllowedOrigins, "https://example.com/path")]
    [InlineData(ContextKeys.ThrottlingRateLimit, "0")]
    [InlineData(ContextKeys.ThrottlingBurstLimit, "-1")]
    [InlineData(ContextKeys.AlarmEmail, "ops")]
    [InlineData(ContextKeys.LogLevel, "Information")]
    [InlineData(ContextKeys.AllowPlaceholderCode, "yes")]
    [InlineData(ContextKeys.ProvisionedMaxCapacity, "4")]
    [InlineData(ContextKeys.Sites, "https://example.com")]
    [InlineData(ContextKeys.Sites, "example.com/blog")]
    public void InvalidContext_FailsTheSynthNamingTheKey(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Settings(key, value));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    private static DeploymentSettings Settings(string key, object value) =>
        DeploymentSettings.FromContext(candidate => candidate == key ? value : null);
}
