using LiveInsight.Contracts.Configuration;
using LiveInsight.Contracts.Tables;

namespace LiveInsight.Contracts.Tests.Configuration;

/// <summary>The collector's variables: each in exactly one group, the tables' among those the stack sets.</summary>
public sealed class CollectorEnvironmentTests
{
    private static IEnumerable<string> AllGroups =>
        CollectorEnvironment.SetByStack.Concat(CollectorEnvironment.SetByLambda).Concat(CollectorEnvironment.LocalOnly);

    [Fact]
    public void EveryVariable_IsInExactlyOneGroup()
    {
        var duplicates = AllGroups.GroupBy(name => name, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void EveryConstant_IsInAGroup()
    {
        var constants = typeof(CollectorEnvironment).GetFields()
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!);

        Assert.Equal(constants.Order(StringComparer.Ordinal), AllGroups.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryTablesVariable_IsSetByTheStack()
    {
        Assert.All(LiveInsightTables.All, table => Assert.Contains(table.EnvironmentVariable, CollectorEnvironment.SetByStack));
    }
}
