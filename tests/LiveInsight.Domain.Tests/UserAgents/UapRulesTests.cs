namespace LiveInsight.Domain.Tests.UserAgents;

public sealed class UapRulesTests
{
    [Fact]
    public void Source_NamesUapCore018AndItsApacheLicence() =>
        Assert.Equal("uap-core 0.18.0 (Apache-2.0) https://github.com/ua-parser/uap-core", UapRules.Source);

    [Fact]
    public void Rules_AreUapCoresBrowserAndOsSections_InFull()
    {
        // regexes.yaml 0.18.0 has 350 user_agent_parsers and 197 os_parsers.
        Assert.Equal(350, UapRules.Browsers.Count);
        Assert.Equal(197, UapRules.OperatingSystems.Count);
    }

    [Fact]
    public void EveryPattern_IsAcceptedByTheDotNetRegexEngine()
    {
        var refused = new List<string>();
        foreach (var rule in UapRules.Browsers.Concat(UapRules.OperatingSystems))
        {
            try
            {
                _ = rule.Regex;
            }
            catch (ArgumentException e)
            {
                refused.Add(rule.Pattern + ": " + e.Message);
            }
        }

        Assert.Empty(refused);
    }

    [Fact]
    public void Match_WithAReplacementQuotingAGroup_SubstitutesIt()
    {
        var rule = new UapRule(@"(Collector|Explorer)-(?:Android|iOS)-(\d+)\.(\d+)", false, "$1 for ArcGIS", null, null, null);

        Assert.Equal(new UapMatch("Explorer for ArcGIS", "10", "2", null), rule.Match("Explorer-iOS-10.2"));
    }

    [Fact]
    public void Match_WithFixedVersionReplacements_UsesThemOverTheGroups()
    {
        var rule = new UapRule(@"(Win(?:dows NT |32NT\/)6\.3)", false, "Windows", "8", "1", null);

        Assert.Equal(new UapMatch("Windows", "8", "1", null), rule.Match("Mozilla/5.0 (Windows NT 6.3; Win64; x64)"));
    }

    [Fact]
    public void Match_WithTheCaseInsensitiveFlag_IgnoresCase()
    {
        var rule = new UapRule(@"(brave)/(\d+)", true, "Brave", null, null, null);

        Assert.Equal(new UapMatch("Brave", "1", null, null), rule.Match("Brave/1 Chrome"));
        Assert.Null(new UapRule(@"(brave)/(\d+)", false, "Brave", null, null, null).Match("Brave/1 Chrome"));
    }
}
