using LiveInsight.Contracts.Configuration;

namespace LiveInsight.Infra;

/// <summary>How the tables are billed.</summary>
public enum TableBilling
{
    /// <summary>Pay per request (the default): nothing to size, nothing to pay when idle.</summary>
    OnDemand,

    /// <summary>Provisioned capacity with target-tracking auto scaling on the tables and their indexes.</summary>
    Provisioned,
}

/// <summary>Which API Gateway product fronts the collector (see docs/adr/0015-http-api-option.md).</summary>
public enum ApiType
{
    /// <summary>A REST API (the seed's, and the default): WAF, edge headers (country, device), $3.50 per million requests.</summary>
    Rest,

    /// <summary>An HTTP API with payload format 1.0: the same function and URLs, $1.00 per million requests.</summary>
    Http,
}

/// <summary>The CDK context keys LiveInsight reads; defaults live in cdk.json.</summary>
public static class ContextKeys
{
    public const string BillingMode = "billingMode";
    public const string ProvisionedMinCapacity = "provisionedMinCapacity";
    public const string ProvisionedMaxCapacity = "provisionedMaxCapacity";
    public const string Architecture = "architecture";
    public const string LogRetentionDays = "logRetentionDays";
    public const string AllowedOrigins = "allowedOrigins";
    public const string ThrottlingRateLimit = "throttlingRateLimit";
    public const string ThrottlingBurstLimit = "throttlingBurstLimit";
    public const string AlarmEmail = "alarmEmail";
    public const string LogLevel = "logLevel";
    public const string SessionTimeoutMinutes = "sessionTimeoutMinutes";
    public const string FunctionCode = "functionCode";
    public const string AllowPlaceholderCode = "allowPlaceholderCode";
    public const string ApiGatewayCloudWatchRole = "apiGatewayCloudWatchRole";
    public const string ApiType = "apiType";
    public const string Sites = "sites";
    public const string AggregatorBatchWindowSeconds = "aggregatorBatchWindowSeconds";
    public const string Waf = "waf";
    public const string WafRateLimit = "wafRateLimit";
}

/// <summary>
/// Everything a deployment may vary, parsed once from CDK context (cdk.json or <c>-c key=value</c>).
/// Invalid values fail the synth with a message naming the key, rather than deploying something odd.
/// </summary>
public sealed record DeploymentSettings
{
    /// <summary>Log retention values CloudWatch Logs accepts, mapped to CDK's enum.</summary>
    private static readonly IReadOnlyDictionary<int, RetentionDays> RetentionByDays = new Dictionary<int, RetentionDays>
    {
        [1] = RetentionDays.ONE_DAY,
        [3] = RetentionDays.THREE_DAYS,
        [5] = RetentionDays.FIVE_DAYS,
        [7] = RetentionDays.ONE_WEEK,
        [14] = RetentionDays.TWO_WEEKS,
        [30] = RetentionDays.ONE_MONTH,
        [60] = RetentionDays.TWO_MONTHS,
        [90] = RetentionDays.THREE_MONTHS,
        [120] = RetentionDays.FOUR_MONTHS,
        [150] = RetentionDays.FIVE_MONTHS,
        [180] = RetentionDays.SIX_MONTHS,
        [365] = RetentionDays.ONE_YEAR,
        [400] = RetentionDays.THIRTEEN_MONTHS,
        [545] = RetentionDays.EIGHTEEN_MONTHS,
        [731] = RetentionDays.TWO_YEARS,
        [1096] = RetentionDays.THREE_YEARS,
        [1827] = RetentionDays.FIVE_YEARS,
        [2192] = RetentionDays.SIX_YEARS,
        [2557] = RetentionDays.SEVEN_YEARS,
        [2922] = RetentionDays.EIGHT_YEARS,
        [3288] = RetentionDays.NINE_YEARS,
        [3653] = RetentionDays.TEN_YEARS,
    };

    /// <summary>The defaults cdk.json also states; used when a key is absent.</summary>
    public static DeploymentSettings Defaults { get; } = new();

    public TableBilling Billing { get; init; } = TableBilling.OnDemand;

    /// <summary>Provisioned mode only: the auto-scaling floor (the seed's 5 units) for reads and writes.</summary>
    public int ProvisionedMinCapacity { get; init; } = 5;

    /// <summary>Provisioned mode only: the auto-scaling ceiling for reads and writes.</summary>
    public int ProvisionedMaxCapacity { get; init; } = 50;

    /// <summary>
    /// The Lambda architecture. The Native AOT bootstrap in artifacts/function.zip must be built for the same one.
    /// </summary>
    public Architecture Architecture { get; init; } = Architecture.X86_64;

    public int LogRetentionDays { get; init; } = 30;

    /// <summary>Origins allowed by CORS; <c>*</c> allows any.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [CollectorDefaults.AllowedOrigins];

    public double ThrottlingRateLimit { get; init; } = 100;

    public int ThrottlingBurstLimit { get; init; } = 200;

    /// <summary>Where alarm notifications are e-mailed; none when null.</summary>
    public string? AlarmEmail { get; init; }

    /// <summary>The function's LOG_LEVEL: debug, info, warn or error.</summary>
    public string LogLevel { get; init; } = CollectorDefaults.LogLevel;

    public int SessionTimeoutMinutes { get; init; } = CollectorDefaults.SessionTimeoutMinutes;

    /// <summary>
    /// The function's SITES: the domains it records, normalised (<see cref="SiteList"/>); empty: every page host
    /// is its own site.
    /// </summary>
    public IReadOnlyList<string> Sites { get; init; } = [];

    /// <summary>The function package, relative to the directory the CDK app runs in (the repository root).</summary>
    public string FunctionCodePath { get; init; } = FunctionPackage.DefaultPath;

    /// <summary>Synthesize with a placeholder function when the package is missing (never for a real deploy).</summary>
    public bool AllowPlaceholderCode { get; init; }

    /// <summary>
    /// Create the account-level role that lets API Gateway write logs. Turn off when the account already has one
    /// managed elsewhere: there is one such setting per account and region.
    /// </summary>
    public bool ApiGatewayCloudWatchRole { get; init; } = true;

    /// <summary>The API in front of the function: <c>rest</c> (default) or <c>http</c>.</summary>
    public ApiType ApiType { get; init; } = ApiType.Rest;

    /// <summary>
    /// Seconds Lambda gathers stream records before it invokes the aggregator, 0 to 300: the rollups' cost lever. A
    /// longer window puts more records into fewer bucket writes, and the stats lag by up to that much (ADR 0021).
    /// </summary>
    public int AggregatorBatchWindowSeconds { get; init; } = StatsDefaults.AggregatorBatchWindowSeconds;

    /// <summary>Attach an AWS WAF web ACL to the REST API's stage (<see cref="CollectorWaf"/>); HTTP APIs cannot take one.</summary>
    public bool Waf { get; init; }

    /// <summary>With <see cref="Waf"/>: the requests one IP address may send in any 5 minutes before WAF blocks it.</summary>
    public int WafRateLimit { get; init; } = 2000;

    public RetentionDays LogRetention => RetentionByDays[LogRetentionDays];

    /// <summary>Reads every setting from CDK context, falling back to <see cref="Defaults"/>.</summary>
    public static DeploymentSettings FromContext(Func<string, object?> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? Read(string key) =>
            context(key) switch
            {
                null => null,
                string text => text.Trim(),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString(),
            };

        var defaults = Defaults;
        var settings = new DeploymentSettings
        {
            Billing = Read(ContextKeys.BillingMode) switch
            {
                null or "" or "onDemand" or "PAY_PER_REQUEST" => TableBilling.OnDemand,
                "provisioned" or "PROVISIONED" => TableBilling.Provisioned,
                var other => throw Invalid(ContextKeys.BillingMode, other, "onDemand or provisioned"),
            },
            ProvisionedMinCapacity = ReadInt(ContextKeys.ProvisionedMinCapacity, Read, defaults.ProvisionedMinCapacity, min: 1),
            ProvisionedMaxCapacity = ReadInt(ContextKeys.ProvisionedMaxCapacity, Read, defaults.ProvisionedMaxCapacity, min: 1),
            Architecture = Read(ContextKeys.Architecture) switch
            {
                null or "" or "x86_64" => Architecture.X86_64,
                "arm64" => Architecture.ARM_64,
                var other => throw Invalid(ContextKeys.Architecture, other, "x86_64 or arm64"),
            },
            LogRetentionDays = ReadInt(ContextKeys.LogRetentionDays, Read, defaults.LogRetentionDays, min: 1),
            AllowedOrigins = ReadOrigins(Read(ContextKeys.AllowedOrigins)) ?? defaults.AllowedOrigins,
            ThrottlingRateLimit = ReadDouble(ContextKeys.ThrottlingRateLimit, Read, defaults.ThrottlingRateLimit),
            ThrottlingBurstLimit = ReadInt(ContextKeys.ThrottlingBurstLimit, Read, defaults.ThrottlingBurstLimit, min: 0),
            AlarmEmail = Read(ContextKeys.AlarmEmail) is { Length: > 0 } email ? email : null,
            LogLevel = Read(ContextKeys.LogLevel) switch
            {
                null or "" => defaults.LogLevel,
                var level when level is "debug" or "info" or "warn" or "error" => level,
                var other => throw Invalid(ContextKeys.LogLevel, other, "debug, info, warn or error"),
            },
            SessionTimeoutMinutes = ReadInt(ContextKeys.SessionTimeoutMinutes, Read, defaults.SessionTimeoutMinutes, min: 1),
            Sites = ReadSites(Read(ContextKeys.Sites)),
            FunctionCodePath = Read(ContextKeys.FunctionCode) is { Length: > 0 } path ? path : defaults.FunctionCodePath,
            AllowPlaceholderCode = ReadBool(ContextKeys.AllowPlaceholderCode, Read, defaults.AllowPlaceholderCode),
            ApiGatewayCloudWatchRole = ReadBool(ContextKeys.ApiGatewayCloudWatchRole, Read, defaults.ApiGatewayCloudWatchRole),
            AggregatorBatchWindowSeconds = ReadInt(ContextKeys.AggregatorBatchWindowSeconds, Read, defaults.AggregatorBatchWindowSeconds, min: 0),
            ApiType = Read(ContextKeys.ApiType) switch
            {
                null or "" or "rest" => ApiType.Rest,
                "http" => ApiType.Http,
                var other => throw Invalid(ContextKeys.ApiType, other, "rest or http"),
            },
            Waf = ReadBool(ContextKeys.Waf, Read, defaults.Waf),
            WafRateLimit = ReadInt(ContextKeys.WafRateLimit, Read, defaults.WafRateLimit, min: 10),
        };

        if (!RetentionByDays.ContainsKey(settings.LogRetentionDays))
        {
            throw Invalid(ContextKeys.LogRetentionDays, settings.LogRetentionDays.ToString(CultureInfo.InvariantCulture),
                "one of " + string.Join(", ", RetentionByDays.Keys));
        }

        if (settings.ProvisionedMaxCapacity < settings.ProvisionedMinCapacity)
        {
            throw Invalid(ContextKeys.ProvisionedMaxCapacity, settings.ProvisionedMaxCapacity.ToString(CultureInfo.InvariantCulture),
                $"at least {ContextKeys.ProvisionedMinCapacity} ({settings.ProvisionedMinCapacity})");
        }

        // Lambda's limit for a mapping's batching window.
        if (settings.AggregatorBatchWindowSeconds > 300)
        {
            throw Invalid(ContextKeys.AggregatorBatchWindowSeconds, settings.AggregatorBatchWindowSeconds.ToString(CultureInfo.InvariantCulture),
                "a whole number from 0 to 300");
        }

        // WAF's range for a rate-based rule's limit.
        if (settings.WafRateLimit > 2_000_000_000)
        {
            throw Invalid(ContextKeys.WafRateLimit, settings.WafRateLimit.ToString(CultureInfo.InvariantCulture), "a whole number from 10 to 2000000000");
        }

        if (settings.Waf && settings.ApiType == ApiType.Http)
        {
            throw new ArgumentException(
                $"CDK context '{ContextKeys.Waf}' is 'true' with '{ContextKeys.ApiType}' 'http': an HTTP API cannot take an AWS WAF web ACL. " +
                "Use apiType=rest, or put CloudFront with WAF in front of the HTTP API (docs/deploy.md).", ContextKeys.Waf);
        }

        if (settings.AlarmEmail is { } address && !address.Contains('@', StringComparison.Ordinal))
        {
            throw Invalid(ContextKeys.AlarmEmail, address, "an e-mail address or empty");
        }

        return settings;
    }

    private static int ReadInt(string key, Func<string, string?> read, int fallback, int min) =>
        read(key) switch
        {
            null or "" => fallback,
            var text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min => value,
            var text => throw Invalid(key, text, $"a whole number >= {min}"),
        };

    private static double ReadDouble(string key, Func<string, string?> read, double fallback) =>
        read(key) switch
        {
            null or "" => fallback,
            var text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 => value,
            var text => throw Invalid(key, text, "a positive number"),
        };

    private static bool ReadBool(string key, Func<string, string?> read, bool fallback) =>
        read(key) switch
        {
            null or "" => fallback,
            var text when bool.TryParse(text, out var value) => value,
            var text => throw Invalid(key, text, "true or false"),
        };

    private static IReadOnlyList<string> ReadSites(string? text)
    {
        try
        {
            return SiteList.Parse(text);
        }
        catch (FormatException)
        {
            throw Invalid(ContextKeys.Sites, text!, "empty or comma-separated bare domains like example.com,shop.example.org");
        }
    }

    private static string[]? ReadOrigins(string? text)
    {
        // Browsers send Origin without a trailing slash; the function trims it too, so both sides agree.
        var origins = (text ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(origin => origin.TrimEnd('/'))
            .ToArray();
        foreach (var origin in origins)
        {
            if (origin != "*" && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) &&
                                   (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) &&
                                   uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query)))
            {
                throw Invalid(ContextKeys.AllowedOrigins, text!, "* or a comma-separated list of origins like https://www.example.com");
            }
        }

        return origins.Length == 0 ? null : origins;
    }

    private static ArgumentException Invalid(string key, string value, string expected) =>
        new($"CDK context '{key}' is '{value}'; expected {expected}.", key);
}
