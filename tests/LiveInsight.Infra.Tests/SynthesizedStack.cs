using Amazon.CDK;
using LiveInsight.Infra;

namespace LiveInsight.Infra.Tests;

/// <summary>
/// The stack synthesized once, the way <c>cdk synth</c> does it: the context comes from the repository's
/// cdk.json (plus any overrides), is read back through <see cref="DeploymentSettings.FromContext"/>, and the
/// function code is the placeholder package, so no build of the function is needed.
/// </summary>
public abstract class SynthesizedStack
{
    protected SynthesizedStack(IReadOnlyDictionary<string, object> overrides)
    {
        var context = CdkJson.Context();
        foreach (var (key, value) in overrides)
        {
            context[key] = value;
        }

        var app = new App(new AppProps { Context = context });
        Settings = DeploymentSettings.FromContext(app.Node.TryGetContext);
        Stack = new LiveInsightStack(app, Program.StackName, new LiveInsightStackProps
        {
            Settings = Settings,
            FunctionPackage = FunctionPackage.Placeholder(),
        });
        Template = Template.FromStack(Stack);
        Json = JObject.FromObject(Template.ToJSON());
    }

    public DeploymentSettings Settings { get; }

    public LiveInsightStack Stack { get; }

    public Template Template { get; }

    /// <summary>The same template as JSON, for assertions that walk it (every statement, every log group).</summary>
    public JObject Json { get; }

    public IEnumerable<(string LogicalId, JObject Resource)> Resources(string type) =>
        ((JObject)Json["Resources"]!).Properties()
            .Where(property => (string?)property.Value["Type"] == type)
            .Select(property => (property.Name, (JObject)property.Value));

    /// <summary>The Lambda function named <paramref name="functionName"/>.</summary>
    public (string LogicalId, JObject Resource) Function(string functionName) =>
        Resources("AWS::Lambda::Function").Single(function => (string?)function.Resource["Properties"]!["FunctionName"] == functionName);

    /// <summary>The IAM role named <paramref name="roleName"/>.</summary>
    public (string LogicalId, JObject Resource) Role(string roleName) =>
        Resources("AWS::IAM::Role").Single(role => (string?)role.Resource["Properties"]!["RoleName"] == roleName);

    /// <summary>The statements of every inline policy of the role named <paramref name="roleName"/>.</summary>
    public List<JObject> RoleStatements(string roleName) =>
        [.. Role(roleName).Resource["Properties"]!["Policies"]!.SelectMany(policy => policy["PolicyDocument"]!["Statement"]!).Cast<JObject>()];

    /// <summary>The REST API's method <paramref name="httpMethod"/> on <paramref name="path"/> (e.g. <c>/events</c>).</summary>
    public JObject RestMethod(string httpMethod, string path) =>
        Resources("AWS::ApiGateway::Method")
            .Single(method => (string?)method.Resource["Properties"]!["HttpMethod"] == httpMethod &&
                              PathOf(method.Resource["Properties"]!["ResourceId"]!) == path)
            .Resource;

    /// <summary>The path of a REST API resource, from a method's <c>ResourceId</c> reference up through its parents.</summary>
    public string PathOf(JToken resourceId)
    {
        var parts = new List<string>();
        for (var reference = resourceId; reference["Ref"] is { } logicalId;)
        {
            var resource = Json["Resources"]![(string)logicalId!]!["Properties"]!;
            parts.Insert(0, (string)resource["PathPart"]!);
            reference = resource["ParentId"]!;
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>The logical id of the one resource of <paramref name="type"/> whose <paramref name="property"/> is <paramref name="value"/>.</summary>
    public string LogicalId(string type, string property, string value) =>
        Resources(type).Single(resource => resource.Resource["Properties"]?[property] is JValue name && (string?)name == value).LogicalId;
}

/// <summary>The stack with cdk.json's defaults, as <c>make synth</c> builds it.</summary>
public sealed class DefaultStack() : SynthesizedStack(new Dictionary<string, object>());

/// <summary>The stack with <c>-c apiType=http</c>, as <c>make synth CDK_ARGS='-c apiType=http'</c> builds it.</summary>
public sealed class HttpApiStack() : SynthesizedStack(new Dictionary<string, object> { [ContextKeys.ApiType] = "http" });

/// <summary>The REST API with <c>-c waf=true</c> and a rate limit of its own.</summary>
public sealed class WafStack() : SynthesizedStack(new Dictionary<string, object>
{
    [ContextKeys.Waf] = "true",
    [ContextKeys.WafRateLimit] = "5000",
});

/// <summary>The HTTP API with configured origins and throttling.</summary>
public sealed class CustomizedHttpApiStack() : SynthesizedStack(new Dictionary<string, object>
{
    [ContextKeys.ApiType] = "http",
    [ContextKeys.AllowedOrigins] = "https://www.example.com, https://shop.example.com/",
    [ContextKeys.ThrottlingRateLimit] = "50",
    [ContextKeys.ThrottlingBurstLimit] = "75",
});

/// <summary>The stack with every option turned away from its default.</summary>
public sealed class CustomizedStack() : SynthesizedStack(new Dictionary<string, object>
{
    [ContextKeys.BillingMode] = "provisioned",
    [ContextKeys.Architecture] = "arm64",
    [ContextKeys.AllowedOrigins] = "https://www.example.com, https://shop.example.com/",
    [ContextKeys.AlarmEmail] = "ops@example.com",
    [ContextKeys.LogRetentionDays] = "90",
    [ContextKeys.ThrottlingRateLimit] = "50",
    [ContextKeys.ThrottlingBurstLimit] = "75",
    [ContextKeys.ApiGatewayCloudWatchRole] = "false",
    [ContextKeys.Sites] = "WWW.Example.com, shop.example.org",
})
{
    public static readonly string[] Origins = ["https://www.example.com", "https://shop.example.com"];

    /// <summary>The sites as the function receives them: normalised, in the order given.</summary>
    public const string Sites = "example.com,shop.example.org";
}

/// <summary>The repository's cdk.json, which holds the deployment defaults.</summary>
public static class CdkJson
{
    public static string Path { get; } = Find();

    public static JObject Read() => JObject.Parse(File.ReadAllText(Path));

    /// <summary>The "context" section, with JSON scalars as .NET values (as the CDK CLI would pass them).</summary>
    public static Dictionary<string, object> Context() =>
        ((JObject)Read()["context"]!).Properties().ToDictionary(p => p.Name, p => ((JValue)p.Value).Value!);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "cdk.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("cdk.json not found above " + AppContext.BaseDirectory);
    }
}
