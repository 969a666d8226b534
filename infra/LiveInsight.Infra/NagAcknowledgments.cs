using System.Runtime.CompilerServices;

namespace LiveInsight.Infra;

/// <summary>
/// Acknowledgments of findings of AWS's cdk-nag rule packs, written into the resource's CloudFormation <c>Metadata</c>
/// in cdk-nag's own audit format: <c>cdk_nag: {rules_to_suppress: [{id, reason, applies_to?}]}</c>. cdk-nag is a
/// TypeScript library, so this app cannot call it; <c>scripts/cdk-nag-check.mjs</c> (<c>make test-nag</c>) reads the
/// template, turns each entry into a cdk-nag v3 acknowledgment, and fails on any finding without one
/// (docs/adr/0024-aws-rule-packs.md).
/// </summary>
public static class NagAcknowledgments
{
    /// <summary>The Metadata key cdk-nag's audit trail uses.</summary>
    public const string MetadataKey = "cdk_nag";

    /// <summary>The shortest reason accepted; the check script refuses shorter ones too.</summary>
    public const int MinimumReasonLength = 20;

    // CfnResource.AddMetadata replaces the value under a key, so each resource's entries are kept here and the whole
    // list is written again on every Add. Weak keys: a synthesized app's resources are not held past its life.
    private static readonly ConditionalWeakTable<CfnResource, List<Dictionary<string, object>>> Entries = new();

    /// <summary>
    /// Acknowledges <paramref name="ruleId"/> (e.g. <c>AwsSolutions-IAM5</c>) on <paramref name="construct"/>'s
    /// CloudFormation resource (the construct itself, or its default child) for the reason given. With
    /// <paramref name="appliesTo"/>, only those findings of the rule (e.g. <c>Resource::*</c>) are acknowledged.
    /// </summary>
    public static void Add(IConstruct construct, string ruleId, string reason, params string[] appliesTo)
    {
        ArgumentNullException.ThrowIfNull(construct);
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        ArgumentNullException.ThrowIfNull(appliesTo);
        if (reason is null || reason.Trim().Length < MinimumReasonLength)
        {
            throw new ArgumentException(
                $"An acknowledgment of {ruleId} needs a reason of at least {MinimumReasonLength} characters that says why.", nameof(reason));
        }

        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
            ?? throw new ArgumentException($"{construct.Node.Path} is not a CloudFormation resource and has none as its default child.", nameof(construct));

        var entry = new Dictionary<string, object> { ["id"] = ruleId, ["reason"] = reason.Trim() };
        if (appliesTo.Length > 0)
        {
            entry["applies_to"] = appliesTo;
        }

        var entries = Entries.GetOrCreateValue(resource);
        entries.Add(entry);
        resource.AddMetadata(MetadataKey, new Dictionary<string, object> { ["rules_to_suppress"] = entries.ToArray() });
    }
}
