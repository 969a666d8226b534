using System.Text.Json;
using System.Text.RegularExpressions;
using LiveInsight.Function.Aggregator;
using LiveInsight.Function.Observability;

namespace LiveInsight.Infra.Tests;

/// <summary>
/// The functions' telemetry lines and the stack's alarms and dashboard must agree on every custom metric.
/// Both sides are read from the real things: a line rendered by the collector's own <see cref="TelemetryWriter"/>
/// and one by the aggregator's <see cref="AggregatorTelemetry"/>, each with every metric present, and the synthesized
/// template. A metric nobody watches, or an alarm or graph
/// on a metric nobody writes (which CloudWatch would show as empty, and an alarm would never fire on), fails.
/// </summary>
public abstract partial class MetricContract(SynthesizedStack stack)
{
    [Fact]
    public void EveryMetricTheTelemetryLineDeclares_IsWatchedByAnAlarmOrADashboardWidget()
    {
        var declared = DeclaredByTelemetry();
        var watched = WatchedByAlarms().Concat(WatchedByDashboard()).ToHashSet();

        var unwatched = declared.Keys.Where(metric => !watched.Contains(metric)).ToList();

        Assert.NotEmpty(declared);
        Assert.True(unwatched.Count == 0, "Declared by the telemetry line, but no alarm or widget watches: " + string.Join(", ", unwatched));
    }

    [Fact]
    public void EveryCustomMetricAnAlarmOrWidgetWatches_IsDeclaredByTheTelemetryLine()
    {
        var declared = DeclaredByTelemetry();
        var watched = WatchedByAlarms().Concat(WatchedByDashboard()).ToHashSet();

        var undeclared = watched.Where(metric => !declared.ContainsKey(metric)).ToList();

        Assert.NotEmpty(watched);
        Assert.True(undeclared.Count == 0, "Watched by an alarm or widget, but the telemetry line never declares: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void EveryCustomMetricAnAlarmWatches_UsesADimensionSetTheTelemetryLineDeclaresForIt()
    {
        var declared = DeclaredByTelemetry();

        foreach (var (metric, dimensions) in AlarmMetricStats().Where(stat => IsCustom(stat.Metric)))
        {
            Assert.True(declared.TryGetValue(metric, out var sets), $"{metric} is not declared");
            Assert.Contains(sets, set => set.SetEquals(dimensions));
        }
    }

    /// <summary>A line with every metric in it: a cold start, a batch with accepted and rejected events, a store call.</summary>
    private static Dictionary<(string Namespace, string Name), List<HashSet<string>>> DeclaredByTelemetry()
    {
        var writer = new TelemetryWriter(TextWriter.Null, "collector-under-test", LogLevel.Debug, TimeProvider.System);
        // The tracker's request of the log-bytes tests, grown to touch every metric. Zero counts are left off the line,
        // so every count here is above zero.
        var telemetry = LogLineSamples.TrackerRequest();
        telemetry.EventsAccepted = 2;
        telemetry.EventsRejected = 1;
        telemetry.SessionsStarted = 1;
        telemetry.EventsDropped = 1;
        telemetry.DropReason = "bot";
        telemetry.BatchSize = 3;
        telemetry.StoreLatencyMs = 12.5;
        telemetry.ErrorCode = "validation_failed";
        telemetry.ColdStart = true;
        var line = writer.Render(telemetry);

        using var aggregatorOutput = new StringWriter();
        new AggregatorTelemetry(aggregatorOutput, "aggregator-under-test", TimeProvider.System)
            .Write(new BatchOutcome(Records: 10, RolledUp: 9, Buckets: 7, BucketsWritten: 6, BucketsFailed: 1, ReadUnits: 7, WriteUnits: 6, Redriven: false));

        var declared = new Dictionary<(string, string), List<HashSet<string>>>();
        Declare(line, declared);
        Declare(aggregatorOutput.ToString(), declared);
        return declared;
    }

    private static void Declare(string line, Dictionary<(string, string), List<HashSet<string>>> declared)
    {
        using var document = JsonDocument.Parse(line);
        foreach (var directive in document.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray())
        {
            var metricNamespace = directive.GetProperty("Namespace").GetString()!;
            var dimensionSets = directive.GetProperty("Dimensions").EnumerateArray()
                .Select(set => set.EnumerateArray().Select(d => d.GetString()!).ToHashSet(StringComparer.Ordinal))
                .ToList();
            foreach (var metric in directive.GetProperty("Metrics").EnumerateArray())
            {
                var key = (metricNamespace, metric.GetProperty("Name").GetString()!);
                if (!declared.TryGetValue(key, out var sets))
                {
                    declared[key] = sets = [];
                }

                sets.AddRange(dimensionSets);
            }
        }
    }

    /// <summary>Every metric of every alarm: single-metric alarms and each MetricStat of a metric-math alarm.</summary>
    private IEnumerable<((string Namespace, string Name) Metric, HashSet<string> Dimensions)> AlarmMetricStats()
    {
        foreach (var (_, alarm) in stack.Resources("AWS::CloudWatch::Alarm"))
        {
            var properties = alarm["Properties"]!;
            if (properties["MetricName"] is not null)
            {
                yield return (((string)properties["Namespace"]!, (string)properties["MetricName"]!), DimensionNames(properties["Dimensions"]));
            }

            foreach (var query in properties["Metrics"] ?? new JArray())
            {
                if (query["MetricStat"]?["Metric"] is { } metric)
                {
                    yield return (((string)metric["Namespace"]!, (string)metric["MetricName"]!), DimensionNames(metric["Dimensions"]));
                }
            }
        }
    }

    private IEnumerable<(string Namespace, string Name)> WatchedByAlarms() =>
        AlarmMetricStats().Select(stat => stat.Metric).Where(IsCustom);

    /// <summary>
    /// Every metric the dashboard graphs: the <c>[namespace, name, dimension, value, …]</c> arrays and the
    /// metrics a SEARCH expression asks for. The body is a CloudFormation join of text and references; the
    /// references stand for dimension values, so a placeholder keeps the JSON whole.
    /// </summary>
    private IEnumerable<(string Namespace, string Name)> WatchedByDashboard()
    {
        var body = stack.Resources("AWS::CloudWatch::Dashboard").Single().Resource["Properties"]!["DashboardBody"]!;
        var text = body.Type == JTokenType.String
            ? (string)body!
            : string.Concat(body["Fn::Join"]![1]!.Select(part => part.Type == JTokenType.String ? (string)part! : "reference"));
        var widgets = JObject.Parse(text)["widgets"]!;
        var found = new List<(string, string)>();
        foreach (var line in widgets.SelectMany(widget => widget["properties"]?["metrics"] ?? new JArray()))
        {
            if (line is JArray { Count: >= 2 } array && array[0].Type == JTokenType.String)
            {
                found.Add(((string)array[0]!, (string)array[1]!));
            }

            foreach (var expression in line.Where(item => item is JObject).Select(item => (string?)item["expression"]).OfType<string>())
            {
                found.AddRange(SearchPattern().Matches(expression).Select(match => (match.Groups["ns"].Value, match.Groups["name"].Value)));
            }
        }

        Assert.DoesNotContain(found, metric => metric.Item1 == ".");
        return found.Where(IsCustom);
    }

    private static bool IsCustom((string Namespace, string Name) metric) =>
        !metric.Namespace.StartsWith("AWS/", StringComparison.Ordinal);

    private static HashSet<string> DimensionNames(JToken? dimensions) =>
        (dimensions ?? new JArray()).Select(d => (string)d["Name"]!).ToHashSet(StringComparer.Ordinal);

    /// <summary><c>SEARCH('{Namespace,Dim,…} MetricName="Name" …', …)</c>.</summary>
    [GeneratedRegex(@"SEARCH\('\{(?<ns>[^,}]+)[^}]*\}[^']*?MetricName=""(?<name>[^""]+)""")]
    private static partial Regex SearchPattern();
}

/// <summary>The contract on the default (REST) stack.</summary>
public sealed class MetricContractTests(DefaultStack stack) : MetricContract(stack), IClassFixture<DefaultStack>;

/// <summary>The contract on the HTTP API stack, whose API alarms are metric math.</summary>
public sealed class HttpApiMetricContractTests(HttpApiStack stack) : MetricContract(stack), IClassFixture<HttpApiStack>;
