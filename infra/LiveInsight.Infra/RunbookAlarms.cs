using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;

namespace LiveInsight.Infra;

/// <summary>
/// How every LiveInsight alarm is made, whichever construct owns it: its description is its runbook line, it notifies
/// the alarm topic on alarm and on recovery, and no data is no incident.
/// </summary>
public static class RunbookAlarms
{
    public static Alarm Add(Construct scope, ITopic topic, string id, string name, string description, IMetric metric,
        double threshold, ComparisonOperator comparison, int periods)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var alarm = new Alarm(scope, id, new AlarmProps
        {
            AlarmName = name,
            AlarmDescription = description,
            Metric = metric,
            Threshold = threshold,
            ComparisonOperator = comparison,
            EvaluationPeriods = periods,
            DatapointsToAlarm = periods,
            // No traffic is not an incident; every alarm here is about work that did happen.
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        var action = new SnsAction(topic);
        alarm.AddAlarmAction(action);
        alarm.AddOkAction(action);
        return alarm;
    }

    /// <summary>
    /// An alarm on the first occurrence: 1 or more in a single period. For counts of work that failed (errors,
    /// throttles), where no level is normal and one is worth a look.
    /// </summary>
    public static Alarm AddOnFirst(Construct scope, ITopic topic, string id, string name, IMetric metric, string description) =>
        Add(scope, topic, id, name, description, metric, threshold: 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, periods: 1);
}
