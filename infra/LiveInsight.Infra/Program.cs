namespace LiveInsight.Infra;

/// <summary>The CDK app: reads the deployment settings from context and wires the one stack.</summary>
public sealed class Program
{
    /// <summary>The stack name; `cdk deploy --outputs-file` keys its outputs by it.</summary>
    public const string StackName = "LiveInsight";

    public static int Main()
    {
        var app = new App();
        DeploymentSettings settings;
        FunctionPackage package;
        try
        {
            settings = DeploymentSettings.FromContext(app.Node.TryGetContext);
            package = FunctionPackage.Resolve(settings, Directory.GetCurrentDirectory());
        }
        catch (Exception error) when (error is ArgumentException or FileNotFoundException)
        {
            // A configuration mistake, not a bug: the message says what to change; a stack trace would bury it.
            Console.Error.WriteLine($"LiveInsight: {error.Message}");
            return 1;
        }

        _ = new LiveInsightStack(app, StackName, new LiveInsightStackProps
        {
            Settings = settings,
            FunctionPackage = package,
            Description = "LiveInsight web-analytics collector: API Gateway -> Lambda -> DynamoDB, with alarms and a dashboard.",
        });

        app.Synth();
        return 0;
    }
}
